import { useBackend } from '@strata/backend';
import { Dense, Input, type Tensors, clearSession, setRandomSeed } from '@strata/layers';
import { MeanSquaredError } from '@strata/losses';
import { Mean, MeanAbsoluteError } from '@strata/metrics';
import { Adam } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Model, type ModelArgs } from '../model';
import type { StepLogs } from './step';
import type { ComputeLossArgs, StepData } from './step-methods';

/**
 * The cases of Keras's guide "Customizing what happens in fit() with
 * PyTorch" (guides/custom_train_step_in_torch.py), in TypeScript.
 */

beforeAll(async () => {
  await useBackend('cpu');
});

function data(count: number, seed: number): [tf.Tensor2D, tf.Tensor2D] {
  return tf.tidy(() => {
    const x = tf.randomUniform([count, 32], 0, 1, 'float32', seed) as tf.Tensor2D;
    // A learnable target: a fixed linear map of x plus noise.
    const w = tf.randomNormal([32, 1], 0, 0.3, 'float32', seed + 1);
    const y = tf.add(tf.matMul(x, w), tf.randomUniform([count, 1], 0, 0.1, 'float32', seed + 2)) as tf.Tensor2D;
    return [x, y];
  });
}

function linearModel<T extends Model>(Class: new (args: ModelArgs) => T): T {
  clearSession();
  setRandomSeed(11);
  const inputs = Input({ shape: [32] });
  return new Class({ inputs, outputs: new Dense(1).apply(inputs) });
}

/** The guide's first example: a trainStep through compute_loss and the compiled metrics. */
class CustomModel extends Model {
  override trainStep(data: StepData): StepLogs {
    const [x, y, sampleWeight] = data;
    const { loss, gradients, yPred } = this.computeGradients(() => {
      const yPred = this.apply(x, { training: true });
      return { loss: this.computeLoss({ x, y, yPred, sampleWeight }), yPred };
    });
    this.optimizer!.apply(gradients, this.trainableWeights);
    for (const metric of this.metrics) {
      if (metric.name === 'loss') (metric as Mean).updateState(loss);
      else metric.updateState(y as tf.Tensor, yPred as tf.Tensor, sampleWeight);
    }
    return Object.fromEntries(this.metrics.map((m) => [m.name, m.result()]));
  }
}

describe("Keras's custom training step guide", () => {
  it('a custom trainStep with the compiled loss and metrics trains as the built-in step does', async () => {
    const [x, y] = data(96, 1);
    const custom = linearModel(CustomModel);
    custom.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    const builtIn = linearModel(Model);
    builtIn.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse', metrics: ['mae'] });
    const customHistory = await custom.fit(x, y, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
    const builtInHistory = await builtIn.fit(x, y, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
    expect(Object.keys(customHistory.history).sort()).toEqual(['loss', 'mae']);
    // Keras's loss tracker counts a batch as one sample when the step calls updateState(loss): a plain mean of batch losses.
    // The batches are equal in size here, so it equals the built-in step's batch-size-weighted mean.
    expectAllClose(customHistory.history.loss, builtInHistory.history.loss, { rtol: 1e-5 });
    expectAllClose(customHistory.history.mae, builtInHistory.history.mae, { rtol: 1e-5 });
    expect(customHistory.history.loss[2]).toBeLessThan(customHistory.history.loss[0]);
    expect(custom.metricsNames).toEqual(['loss', 'mae']);
    // A second fit leaves no tensor behind: the step's logs are freed batch by batch.
    const before = tf.memory().numTensors;
    await custom.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    custom.dispose();
    builtIn.dispose();
  });

  it('going lower-level: its own loss tracker and metric, listed in `metrics` so that fit resets them each epoch', async () => {
    class LowLevelModel extends Model {
      readonly lossTracker = new Mean({ name: 'loss' });
      readonly maeMetric = new MeanAbsoluteError({ name: 'mae' });
      readonly lossFn = new MeanSquaredError();

      override trainStep(data: StepData): StepLogs {
        const [x, y] = data as [tf.Tensor, tf.Tensor];
        const { loss, gradients, yPred } = this.computeGradients(() => {
          const yPred = this.apply(x, { training: true }) as tf.Tensor;
          return { loss: this.lossFn.compute(y, yPred) as tf.Scalar, yPred };
        });
        this.optimizer!.apply(gradients, this.trainableWeights);
        this.lossTracker.updateState(loss);
        this.maeMetric.updateState(y, yPred as tf.Tensor);
        return { loss: this.lossTracker.result(), mae: this.maeMetric.result() };
      }

      override get metrics() {
        return [this.lossTracker, this.maeMetric];
      }
    }
    const [x, y] = data(100, 2);
    const model = linearModel(LowLevelModel);
    model.compile({ optimizer: 'adam' });
    const history = await model.fit(x, y, { epochs: 4, batchSize: 32, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mae']);
    expect(history.history.loss[3]).toBeLessThan(history.history.loss[0]);
    // Reset at each epoch: the tracker counted this epoch's 4 batches (100 samples in batches of 32), not 16.
    expect(model.lossTracker.count.dataSync()[0]).toBe(4);
    expect(model.metricsNames).toEqual(['loss', 'mae']);
    model.resetMetrics();
    expect(model.lossTracker.count.dataSync()[0]).toBe(0);
    tf.dispose([x, y]);
    model.lossTracker.dispose();
    model.maeMetric.dispose();
    model.dispose();
  });

  it('sample weights reach the custom step as the third element, as in Keras', async () => {
    const [x, y] = data(64, 3);
    const weights = tf.randomUniform([64], 0, 1, 'float32', 4);
    const custom = linearModel(CustomModel);
    custom.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
    const builtIn = linearModel(Model);
    builtIn.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });
    const a = await custom.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, sampleWeight: weights, verbose: 0 });
    const b = await builtIn.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, sampleWeight: weights, verbose: 0 });
    expectAllClose(a.history.loss, b.history.loss, { rtol: 1e-5 });
    tf.dispose([x, y, weights]);
    custom.dispose();
    builtIn.dispose();
  });

  it('a step may return tensors it keeps (a variable, say): the trainer frees only its own copies', async () => {
    class CountingModel extends Model {
      readonly steps = tf.variable(tf.scalar(0), false);
      override trainStep(data: StepData): StepLogs {
        const logs = super.trainStep(data);
        this.steps.assign(tf.add(this.steps, 1));
        return { ...logs, steps: this.steps };
      }
    }
    const [x, y] = data(64, 12);
    const model = linearModel(CountingModel);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 });
    expect(history.history.steps).toEqual([2, 4]);
    expect(model.steps.isDisposed).toBe(false);
    expect(model.steps.dataSync()[0]).toBe(4);
    expect(await model.trainOnBatch(x, y)).toEqual([expect.any(Number), 5]);
    tf.dispose([x, y, model.steps]);
    model.dispose();
  });

  it('a custom testStep is what evaluate and the validation run', async () => {
    const calls: number[] = [];
    class EvalModel extends Model {
      override testStep(data: StepData): StepLogs {
        const [x, y] = data;
        calls.push((x as tf.Tensor).shape[0]);
        const yPred = this.apply(x, { training: false });
        const loss = this.computeLoss({ x, y, yPred, training: false });
        for (const metric of this.metrics) {
          if (metric.name === 'loss') (metric as Mean).updateState(loss);
          else metric.updateState(y as tf.Tensor, yPred as tf.Tensor);
        }
        return this.getMetricsResult();
      }
    }
    const [x, y] = data(50, 5);
    const model = linearModel(EvalModel);
    model.compile({ loss: 'mse', metrics: ['mae'] });
    expect(model.optimizer?.className).toBe('RMSprop'); // Keras's default optimizer
    const reference = linearModel(Model);
    reference.compile({ loss: 'mse', metrics: ['mae'] });
    reference.setWeights(model.getWeights());
    const [loss, mae] = await model.evaluate(x, y, { batchSize: 25, verbose: 0 });
    expect(calls).toEqual([25, 25]);
    const [refLoss, refMae] = await reference.evaluate(x, y, { batchSize: 25, verbose: 0 });
    expectAllClose([loss, mae], [refLoss, refMae], { rtol: 1e-6 });
    const history = await model.fit(x, y, { epochs: 1, batchSize: 25, validationData: [x, y], verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['loss', 'mae', 'val_loss', 'val_mae']);
    expect(calls.length).toBe(4);
    expect(((await model.testOnBatch(x, y)) as number[]).length).toBe(2);
    tf.dispose([x, y]);
    model.dispose();
    reference.dispose();
  });

  it('computeLoss overridden with an extra regularization term: the default step trains on it', async () => {
    const penalty = 0.01;
    class RegularizedModel extends Model {
      override computeLoss(args: ComputeLossArgs): tf.Scalar {
        const loss = super.computeLoss(args);
        return tf.add(loss, tf.mul(penalty, tf.mean(tf.square(args.yPred as tf.Tensor)))) as tf.Scalar;
      }
    }
    const [x, y] = data(64, 6);
    const model = linearModel(RegularizedModel);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const plain = linearModel(Model);
    plain.compile({ optimizer: 'sgd', loss: 'mse' });
    plain.setWeights(model.getWeights());
    // Evaluation adds the term: the difference is the penalty on the same predictions.
    const withTerm = (await model.evaluate(x, y, { batchSize: 64, verbose: 0 })) as number;
    const without = (await plain.evaluate(x, y, { batchSize: 64, verbose: 0 })) as number;
    const predictions = (await plain.predict(x)) as tf.Tensor;
    const term = penalty * tf.tidy(() => tf.mean(tf.square(predictions)).dataSync()[0]);
    expect(withTerm - without).toBeCloseTo(term, 6);
    // Training follows the extra gradient: the weights move apart from the plain model's.
    await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
    await plain.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
    const [a, b] = [model.getWeights(), plain.getWeights()];
    const gap = tf.tidy(() => tf.max(tf.abs(tf.sub(a[0], b[0]))).dataSync()[0]);
    expect(gap).toBeGreaterThan(1e-6);
    tf.dispose([x, y, predictions, ...a, ...b]);
    model.dispose();
    plain.dispose();
  });

  it('computeMetrics overridden adds a metric of its own to the logs', async () => {
    class ExtraMetricModel extends Model {
      readonly largest = new Mean({ name: 'largest_prediction' });
      override computeMetrics(x: Tensors, y: Tensors | undefined, yPred: Tensors, sampleWeight?: tf.Tensor): StepLogs {
        const results = super.computeMetrics(x, y, yPred, sampleWeight);
        this.largest.updateState(tf.max(yPred as tf.Tensor));
        return { ...results, largest_prediction: this.largest.result() };
      }
    }
    const [x, y] = data(64, 7);
    const model = linearModel(ExtraMetricModel);
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const history = await model.fit(x, y, { epochs: 2, batchSize: 32, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['largest_prediction', 'loss', 'mae']);
    // Listed in `metrics` (a Metric property), so reset each epoch: two batches counted, not four.
    expect(model.largest.count.dataSync()[0]).toBe(2);
    expect(model.metricsNames).toEqual(['loss', 'mae', 'largest_prediction']);
    tf.dispose([x, y]);
    model.largest.dispose();
    model.dispose();
  });

  it('a custom predictStep is what predict and predictOnBatch run', async () => {
    class ProbabilityModel extends Model {
      override predictStep(data: StepData): Tensors {
        return tf.sigmoid(this.apply(data[0], { training: false }) as tf.Tensor);
      }
    }
    const [x] = data(40, 8);
    const model = linearModel(ProbabilityModel);
    const logits = model.apply(x) as tf.Tensor;
    const expected = tf.sigmoid(logits);
    const predicted = (await model.predict(x, { batchSize: 16 })) as tf.Tensor;
    expectAllClose(predicted.dataSync(), expected.dataSync(), { rtol: 1e-6 });
    const onBatch = model.predictOnBatch(x) as tf.Tensor;
    expectAllClose(onBatch.dataSync(), expected.dataSync(), { rtol: 1e-6 });
    tf.dispose([x, logits, expected, predicted, onBatch]);
    model.dispose();
  });

  it('the built-in step is used when nothing is overridden (no call to trainStep per batch)', async () => {
    const [x, y] = data(64, 9);
    const model = linearModel(Model);
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const original = Model.prototype.trainStep;
    let calls = 0;
    expect(model.overriddenSteps()).toEqual({ trainStep: false, testStep: false, predictStep: false, computeMetrics: false, computeLoss: false });
    const spy = linearModel(CustomModel);
    expect(spy.overriddenSteps().trainStep).toBe(true);
    try {
      // Counting on an own property would count as an override: count through the prototype's method instead.
      Model.prototype.trainStep = function (this: Model, stepData: StepData) {
        calls++;
        return original.call(this, stepData);
      };
      await model.fit(x, y, { epochs: 1, batchSize: 16, verbose: 0 });
    } finally {
      Model.prototype.trainStep = original;
    }
    expect(calls).toBe(0);
    // Called directly, the default step trains and returns its logs.
    const logs = tf.tidy(() => model.trainStep([x, y]));
    expect(Object.keys(logs)).toEqual(['loss']);
    expect((logs.loss as tf.Tensor).dataSync()[0]).toBeGreaterThan(0);
    (logs.loss as tf.Tensor).dispose();
    tf.dispose([x, y]);
    model.dispose();
    spy.dispose();
  });
});
