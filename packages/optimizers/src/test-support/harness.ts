// Test support: runs an optimizer and its float64 reference on the same small problem.
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../optimizer';

export const shapes = [[2, 3], [4]];
export const initialWeights = [
  [0.3, -0.7, 1.2, 0.05, -1.5, 0.8],
  [0.9, -0.2, 0.0, 0.4],
];

/** A per-step offset with mixed signs and magnitudes (one entry is exactly 0 at t=1). */
export function gradientOffset(t: number, k: number, i: number): number {
  if (t === 1 && k === 1 && i === 2) return 0;
  return Math.sin(t * 7 + k * 3 + i * 1.3) * (1 + i) * 0.4;
}

/** Gradients that depend on the weights: g = 0.5 w + offset(t). */
export function referenceGradients(t: number, weights: number[][]): number[][] {
  return weights.map((w, k) => w.map((x, i) => 0.5 * x + gradientOffset(t, k, i)));
}

export function makeVariables(): tf.Variable[] {
  return initialWeights.map((w, k) => tf.variable(tf.tensor(w, shapes[k]), true));
}

/** One step on the tensors: the same gradients as `referenceGradients`, computed on the device. */
export function tensorStep(optimizer: Optimizer, variables: tf.Variable[], t: number): void {
  tf.tidy(() => {
    const gradients = variables.map((variable, k) => {
      const offsets = initialWeights[k].map((_, i) => gradientOffset(t, k, i));
      return tf.add(tf.mul(variable, 0.5), tf.tensor(offsets, shapes[k]));
    });
    optimizer.applyGradients(gradients.map((gradient, k) => [gradient, variables[k]]));
  });
}

/** Runs `steps` updates and returns the weights as arrays (variables and optimizer disposed). */
export function runOptimizer(optimizer: Optimizer, steps: number): number[][] {
  const variables = makeVariables();
  for (let t = 1; t <= steps; t++) tensorStep(optimizer, variables, t);
  const result = variables.map((variable) => Array.from(variable.dataSync()));
  tf.dispose(variables);
  optimizer.dispose();
  return result;
}
