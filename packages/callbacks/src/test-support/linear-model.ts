/**
 * Test helpers: a tiny real trainable model implementing CallbackModel
 * (linear regression trained by SGD with momentum, so there is optimizer
 * state worth backing up) and a fit-like loop driving a CallbackList the way
 * @strata/models's fit does.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { Callback, CallbackModel, Logs } from '../callback';
import { CallbackList } from '../callback-list';
import type { TextOutput } from '../output';

export class LinearModel implements CallbackModel {
  stopTraining = false;
  readonly optimizer = { learningRate: 0.05, iterations: 0 };
  readonly momentum = 0.5;
  kernel: tf.Variable;
  bias: tf.Variable;
  private velocityKernel: tf.Variable;
  private velocityBias: tf.Variable;
  /** Every path passed to save/saveWeights, in order. */
  readonly savedPaths: string[] = [];

  constructor(inputSize: number, seed = 1) {
    this.kernel = tf.variable(tf.randomNormal([inputSize, 1], 0, 0.1, 'float32', seed));
    this.bias = tf.variable(tf.zeros([1]));
    this.velocityKernel = tf.variable(tf.zeros([inputSize, 1]));
    this.velocityBias = tf.variable(tf.zeros([1]));
  }

  predict(x: tf.Tensor): tf.Tensor {
    return tf.add(tf.matMul(x, this.kernel), this.bias);
  }

  loss(x: tf.Tensor, y: tf.Tensor): tf.Scalar {
    return tf.mean(tf.square(tf.sub(this.predict(x), y))) as tf.Scalar;
  }

  /** One SGD-with-momentum step; returns the batch loss (a scalar tensor the caller disposes). */
  trainStep(x: tf.Tensor, y: tf.Tensor): tf.Scalar {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.loss(x, y), [this.kernel, this.bias]);
      const rate = this.optimizer.learningRate;
      this.velocityKernel.assign(tf.sub(tf.mul(this.velocityKernel, this.momentum), tf.mul(grads[this.kernel.name], rate)));
      this.velocityBias.assign(tf.sub(tf.mul(this.velocityBias, this.momentum), tf.mul(grads[this.bias.name], rate)));
      this.kernel.assign(tf.add(this.kernel, this.velocityKernel));
      this.bias.assign(tf.add(this.bias, this.velocityBias));
      return value;
    });
    this.optimizer.iterations += 1;
    return loss;
  }

  getWeights(): tf.Tensor[] {
    return [tf.clone(this.kernel), tf.clone(this.bias)];
  }

  setWeights(weights: tf.Tensor[]): void {
    this.kernel.assign(weights[0]);
    this.bias.assign(weights[1]);
  }

  weightNames(): string[] {
    return ['dense/kernel', 'dense/bias'];
  }

  optimizerState(): tf.Tensor[] {
    return [tf.scalar(this.optimizer.iterations, 'int32'), tf.clone(this.velocityKernel), tf.clone(this.velocityBias)];
  }

  setOptimizerState(values: tf.Tensor[]): void {
    this.optimizer.iterations = values[0].dataSync()[0];
    this.velocityKernel.assign(values[1]);
    this.velocityBias.assign(values[2]);
  }

  getConfig(): unknown {
    return { name: 'linear', layers: [{ class_name: 'Dense', config: { units: 1 } }] };
  }

  async save(path: string): Promise<void> {
    await this.writeWeights(path);
  }

  async saveWeights(path: string): Promise<void> {
    await this.writeWeights(path);
  }

  /** Writes the weights as JSON through a temporary file, as the real model's save is atomic. */
  private async writeWeights(path: string): Promise<void> {
    this.savedPaths.push(path);
    await mkdir(dirname(path), { recursive: true });
    const weights = [await this.kernel.data(), await this.bias.data()].map((values) => Array.from(values));
    await writeFile(`${path}.tmp`, JSON.stringify(weights));
    await rename(`${path}.tmp`, path);
  }

  weightValues(): number[] {
    return [...this.kernel.dataSync(), ...this.bias.dataSync()];
  }

  dispose(): void {
    for (const variable of [this.kernel, this.bias, this.velocityKernel, this.velocityBias]) variable.dispose();
  }
}

/** y = 2 x0 - 3 x1 + 0.5 on a fixed grid: a problem the model can solve. */
export function regressionData(samples = 64): { x: tf.Tensor2D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomUniform([samples, 2], -1, 1, 'float32', 7) as tf.Tensor2D;
    const y = tf.add(tf.matMul(x, tf.tensor2d([[2], [-3]])), 0.5) as tf.Tensor2D;
    return { x, y };
  });
}

export interface FitOptions {
  epochs: number;
  batchSize?: number;
  callbacks?: Callback[];
  verbose?: 0 | 1 | 2;
  output?: TextOutput;
  initialEpoch?: number;
  validation?: { x: tf.Tensor; y: tf.Tensor };
  /** Replaces the measured validation loss (to script exact sequences). */
  validationLoss?: (epoch: number) => number;
  /** Replaces the measured batch loss (to inject NaN). */
  batchLoss?: (epoch: number, batch: number) => number | undefined;
  /** Counts device reads made through the lazy batch logs. */
  reads?: { count: number };
}

/**
 * A fit loop shaped like Keras's: restore, train begin, per epoch the batch
 * hooks with lazy running-mean logs, validation through the test hooks,
 * epoch end with `val_*` logs; stops when a callback sets `stopTraining`.
 */
export async function fit(model: LinearModel, x: tf.Tensor, y: tf.Tensor, options: FitOptions) {
  const batchSize = options.batchSize ?? 16;
  const steps = Math.ceil(x.shape[0] / batchSize);
  const verbose = options.verbose ?? 0;
  const callbackList = new CallbackList(options.callbacks ?? [], {
    addHistory: true,
    addProgbar: verbose !== 0,
    model,
    verbose,
    epochs: options.epochs,
    steps,
    output: options.output,
  });
  const restored = await callbackList.restore();
  const initialEpoch = restored ?? options.initialEpoch ?? 0;
  model.stopTraining = false;
  await callbackList.onTrainBegin();
  for (let epoch = initialEpoch; epoch < options.epochs; epoch++) {
    await callbackList.onEpochBegin(epoch);
    let lossSum: tf.Tensor = tf.scalar(0);
    for (let batch = 0; batch < steps; batch++) {
      await callbackList.onTrainBatchBegin(batch);
      const start = batch * batchSize;
      const size = Math.min(batchSize, x.shape[0] - start);
      const xBatch = tf.slice(x, [start, 0], [size, -1]);
      const yBatch = tf.slice(y, [start, 0], [size, -1]);
      const loss = model.trainStep(xBatch, yBatch);
      const scripted = options.batchLoss?.(epoch, batch);
      const next = tf.tidy(() => tf.add(lossSum, scripted === undefined ? loss : tf.scalar(scripted)));
      tf.dispose([xBatch, yBatch, loss, lossSum]);
      lossSum = next;
      const seen = batch + 1;
      const runningSum = lossSum;
      // Lazy logs: the running mean is read from the device only when a callback asks.
      const batchLogs: Logs = {};
      Object.defineProperty(batchLogs, 'loss', {
        enumerable: true,
        get: () => {
          if (options.reads) options.reads.count += 1;
          return runningSum.dataSync()[0] / seen;
        },
      });
      await callbackList.onTrainBatchEnd(batch, batchLogs);
      if (model.stopTraining) break;
    }
    const logs: Logs = { loss: (await lossSum.data())[0] / steps };
    lossSum.dispose();
    if (options.validation) {
      await callbackList.onTestBegin();
      const measured = tf.tidy(() => model.loss(options.validation!.x, options.validation!.y));
      const validationLoss = options.validationLoss?.(epoch) ?? (await measured.data())[0];
      measured.dispose();
      await callbackList.onTestEnd({ loss: validationLoss });
      logs.val_loss = validationLoss;
    }
    await callbackList.onEpochEnd(epoch, logs);
    if (model.stopTraining) break;
  }
  await callbackList.onTrainEnd();
  return callbackList.history;
}

/** Collects everything written, for output assertions. */
export class RecordingOutput implements TextOutput {
  text = '';
  constructor(readonly isTTY: boolean) {}
  write(text: string): void {
    this.text += text;
  }
}
