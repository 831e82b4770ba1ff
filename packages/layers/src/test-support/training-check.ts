/**
 * Keras's training check (run_training_step) without a Model, which layers
 * cannot import: one SGD step on the layer's trainable weights of
 * loss = Σ sum(output_i · P_i), P_i fixed random projections (Keras sums the
 * output; a projection also gives BatchNormalization's gamma a gradient).
 * Values are read asynchronously, so that the check runs on webgpu too.
 */
import { kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { CallOptions, Layer } from '../engine/layer';
import { listOf } from './layer-inputs';

export interface TrainingCheckResult {
  /** The kernels the training-mode forward and backward passes ran, in order. */
  kernels: string[];
}

function objective(layer: Layer, inputs: tf.Tensor | tf.Tensor[], projections: tf.Tensor[], callOptions: CallOptions): tf.Scalar {
  const outputs = listOf(layer.apply(inputs, { ...callOptions, training: true }));
  return tf.addN(outputs.map((output, i) => tf.sum(tf.mul(tf.cast(output, 'float32'), projections[i])))) as tf.Scalar;
}

/**
 * Takes one step and checks it: every gradient is finite, some weight has a
 * nonzero gradient, and the loss falls by about what the gradient predicts
 * (for deterministic layers; a random layer draws new noise each call).
 */
export async function runTrainingCheck(
  layer: Layer,
  inputs: tf.Tensor | tf.Tensor[],
  callOptions: CallOptions,
  { deterministic }: { deterministic: boolean },
): Promise<TrainingCheckResult> {
  const projections = tf.tidy(() =>
    listOf(layer.apply(inputs, { ...callOptions, training: true })).map((output, i) => tf.randomNormal(output.shape, 0, 1, 'float32', 11 + i)),
  );
  const variables = layer.trainableWeights.map((weight) => weight.value);
  let kernels: string[] = [];
  try {
    if (variables.length === 0) {
      kernels = kernelsRunBy(() =>
        tf.tidy(() => {
          objective(layer, inputs, projections, callOptions);
        }),
      );
      return { kernels };
    }
    let grads: tf.NamedTensorMap = {};
    let loss: tf.Scalar | undefined;
    kernels = kernelsRunBy(() => {
      ({ grads, value: loss } = tf.variableGrads(() => objective(layer, inputs, projections, callOptions), variables));
    });
    const lossBefore = (await loss!.data())[0];
    loss!.dispose();
    const gradValues = await Promise.all(variables.map(async (v) => Float32Array.from((await grads[v.name].data()) as ArrayLike<number>)));
    for (const [k, values] of gradValues.entries()) {
      expect(values.every(Number.isFinite), `the gradient of ${layer.trainableWeights[k].path} is finite`).toBe(true);
    }
    const squaredNorm = gradValues.reduce((total, values) => total + values.reduce((s, g) => s + g * g, 0), 0);
    expect(squaredNorm, `some trainable weight of layer "${layer.name}" has a nonzero gradient`).toBeGreaterThan(0);
    // A step small enough for the first-order prediction: the loss falls by about lr·|g|².
    const learningRate = 1e-2 / Math.max(1, Math.sqrt(squaredNorm));
    tf.tidy(() => {
      for (const v of variables) v.assign(tf.sub(v, tf.mul(grads[v.name], learningRate)));
    });
    tf.dispose(Object.values(grads));
    layer.applyConstraints();
    if (deterministic && layer.weights.every((w) => w.constraint === null)) {
      const predicted = learningRate * squaredNorm;
      const after = tf.tidy(() => objective(layer, inputs, projections, callOptions));
      const lossAfter = (await after.data())[0];
      after.dispose();
      if (predicted > 1e-4 * (1 + Math.abs(lossBefore))) {
        expect(lossBefore - lossAfter, `the loss of layer "${layer.name}" falls after one SGD step`).toBeGreaterThan(0.5 * predicted);
      }
    }
    return { kernels };
  } finally {
    tf.dispose(projections);
  }
}
