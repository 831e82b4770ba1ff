// Test support: the Dense(2) regression of scripts/golden_train_api.py, built in Strata with Keras's weights.
import { readFileSync } from 'node:fs';
import { Dense, clearSession } from '@strata/layers';
import { deserializeOptimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { Sequential } from '../sequential';

export interface GoldenFit {
  name: string;
  optimizer: Record<string, unknown>;
  history: Record<string, number[]>;
  epoch_end_weights: number[][][];
  final_weights: number[][];
  iterations: number;
}

interface GoldenFile {
  data: { x: number[][]; y: number[][]; x_val: number[][]; y_val: number[][]; kernel: number[][]; bias: number[] };
  cases: GoldenFit[];
}

export const golden = JSON.parse(readFileSync(new URL('../../golden/train-api.json', import.meta.url), 'utf8')) as GoldenFile;

export function goldenCase(name: string): GoldenFit {
  const found = golden.cases.find((c) => c.name === name);
  if (!found) throw new Error(`golden/train-api.json has no case '${name}'.`);
  return found;
}

/** The compiled model with Keras's initial weights, and the data as tensors (the caller disposes them). */
export function goldenModel(goldenFit: GoldenFit): { model: Sequential; data: tf.Tensor2D[] } {
  clearSession();
  const model = new Sequential([new Dense(2, { inputShape: [3] })]);
  const { kernel, bias, x, y, x_val: xVal, y_val: yVal } = golden.data;
  const weights = [tf.tensor2d(kernel), tf.tensor1d(bias)];
  model.setWeights(weights);
  tf.dispose(weights);
  model.compile({ optimizer: deserializeOptimizer(goldenFit.optimizer), loss: 'mse' });
  return { model, data: [tf.tensor2d(x), tf.tensor2d(y), tf.tensor2d(xVal), tf.tensor2d(yVal)] };
}
