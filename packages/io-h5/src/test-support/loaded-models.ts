// Shared by this folder's tests only (tsup bundles src/index.ts, not this file).
import { Dense, builtInLayers } from '@strata/layers';
import { type Model, Sequential, modelFromConfig } from '@strata/models';
import { goldenPath, npyToTensor, readGoldenJson, readGoldenNpy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';

/** e2_embedding_lstm needs Embedding and LSTM, which another change is adding to @strata/layers. */
export const hasRecurrentLayers = Boolean(builtInLayers().LSTM && builtInLayers().Embedding);

export function goldenFile(model: string, file: string): string {
  return goldenPath(model, file);
}

/** Rebuilds a golden model, untrained, from meta.json's `model.get_config()` (which has no class_name: infer it). */
export function modelFromMeta(name: string): Model {
  const config = readGoldenJson(name, 'meta.json').model_config as Record<string, unknown>;
  const className = 'input_layers' in config ? 'Functional' : 'Sequential';
  return modelFromConfig({ class_name: className, config }, { layers: builtInLayers() });
}

/** The model's prediction for the golden input, as a tensor the caller disposes. */
export async function predictGolden(model: Model, name: string): Promise<tf.Tensor> {
  const input = npyToTensor(readGoldenNpy(name, 'input.npy'));
  try {
    return (await model.predict(input)) as tf.Tensor;
  } finally {
    input.dispose();
  }
}

export function goldenPrediction(name: string): tf.Tensor {
  return npyToTensor(readGoldenNpy(name, 'predict.npy'));
}

/** Warnings collected instead of printed, so tests can assert on them. */
export function collectWarnings(): { warn: (message: string) => void; messages: string[] } {
  const messages: string[] = [];
  return { messages, warn: (message) => messages.push(message) };
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}

/**
 * Tensors that `model.compile` itself leaves behind after `dispose()`: the
 * initial scalars of models' LossTracker (packages/models/src/training/compile.ts,
 * `tf.variable(tf.scalar(0), false)` keeps the scalar alive). Measured, not
 * assumed, so the tests tighten by themselves once that is fixed.
 */
export function compileLeak(): number {
  const before = tensorCount();
  const model = new Sequential([new Dense(1, { inputShape: [1] })]);
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  disposeLoaded(model);
  return tensorCount() - before;
}

/** A loaded model owns the optimizer the loader made, but Model.dispose() leaves optimizers alone. */
export function disposeLoaded(model: Model): void {
  const optimizer = model.compiled?.optimizer;
  model.dispose();
  optimizer?.dispose();
}
