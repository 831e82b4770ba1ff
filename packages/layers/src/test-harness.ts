/**
 * One test harness for every layer (Keras's run_layer_test): given a layer
 * factory and an input shape it checks the output shape against
 * computeOutputShape and the symbolic path, weight counts, the config round
 * trip, finite-difference gradients, and that calls leak no tensor.
 * Used by the layers' own tests only.
 */
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { Input } from './core/input-layer';
import type { Layer } from './engine/layer';
import type { Shape } from './engine/shape';

export interface LayerTestOptions {
  /** Batch input shape, e.g. [2, 5, 3]. */
  inputShape: number[];
  expectedOutputShape?: number[];
  expectedTrainableWeights?: number;
  expectedNonTrainableWeights?: number;
  inputDtype?: 'float32' | 'int32';
  /** Upper bound of integer inputs (embeddings). */
  maxValue?: number;
  /** Reconstructs the layer from its Keras config (the class's static fromConfig). */
  fromConfig?: (config: Record<string, unknown>) => Layer;
  /** Skip the finite-difference check (layers with random or non-smooth outputs). */
  skipGradientCheck?: boolean;
  training?: boolean;
}

export function randomInput(shape: number[], dtype: 'float32' | 'int32' = 'float32', maxValue = 10, seed = 1): tf.Tensor {
  return dtype === 'int32'
    ? tf.cast(tf.floor(tf.randomUniform(shape, 0, maxValue, 'float32', seed)), 'int32')
    : tf.randomUniform(shape, -1, 1, 'float32', seed);
}

export function runLayerTest(makeLayer: () => Layer, options: LayerTestOptions): Layer {
  const layer = makeLayer();
  const input = randomInput(options.inputShape, options.inputDtype, options.maxValue);
  const output = layer.apply(input, { training: options.training ?? false }) as tf.Tensor;
  if (options.expectedOutputShape) expect(output.shape).toEqual(options.expectedOutputShape);
  const computed = layer.computeOutputShape([null, ...options.inputShape.slice(1)]) as Shape;
  expect(computed.slice(1)).toEqual(output.shape.slice(1));

  if (options.expectedTrainableWeights !== undefined) expect(layer.trainableWeights.length).toBe(options.expectedTrainableWeights);
  if (options.expectedNonTrainableWeights !== undefined) {
    expect(layer.nonTrainableWeights.length).toBe(options.expectedNonTrainableWeights);
  }

  const symbolicLayer = makeLayer();
  const symbolic = symbolicLayer.apply(Input({ shape: options.inputShape.slice(1), dtype: options.inputDtype }));
  expect((Array.isArray(symbolic) ? symbolic[0] : symbolic).shape.slice(1)).toEqual(output.shape.slice(1));

  if (options.fromConfig) {
    const config = layer.getConfig();
    const rebuilt = options.fromConfig(JSON.parse(JSON.stringify(config)));
    expect(rebuilt.getConfig()).toEqual(config);
    rebuilt.apply(input);
    rebuilt.setWeights(layer.getWeights());
    expectAllClose(rebuilt.apply(input, { training: false }) as tf.Tensor, layer.apply(input, { training: false }) as tf.Tensor);
    rebuilt.dispose();
  }

  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    tf.tidy(() => {
      layer.apply(input, { training: options.training ?? false });
    });
  }
  expect(tf.memory().numTensors).toBe(before);

  if (!options.skipGradientCheck && layer.trainableWeights.length > 0) {
    expect(weightGradientError(layer, input, output.shape)).toBeLessThan(2e-2);
  }
  symbolicLayer.dispose();
  return layer;
}

/**
 * Largest relative difference between tfjs's gradient of sum(output · P) with
 * respect to each trainable weight and central finite differences on a few
 * elements of each weight (P a fixed random projection).
 */
export function weightGradientError(layer: Layer, input: tf.Tensor, outputShape: number[], epsilon = 1e-2): number {
  const projection = tf.randomNormal(outputShape, 0, 1, 'float32', 7);
  const objective = () => tf.sum(tf.mul(layer.apply(input, { training: false }) as tf.Tensor, projection)) as tf.Scalar;
  const variables = layer.trainableWeights.map((w) => w.value);
  const analytic = tf.tidy(() => {
    const { grads } = tf.variableGrads(objective, variables);
    return variables.map((v) => grads[v.name].dataSync().slice());
  });
  let worst = 0;
  variables.forEach((variable, k) => {
    const base = variable.dataSync().slice() as Float32Array;
    const step = Math.max(1, Math.floor(base.length / 8));
    for (let i = 0; i < base.length; i += step) {
      const at = (delta: number) => {
        const moved = base.slice();
        moved[i] += delta;
        tf.tidy(() => variable.assign(tf.tensor(moved, variable.shape)));
        return tf.tidy(() => objective().dataSync()[0]);
      };
      const numeric = (at(epsilon) - at(-epsilon)) / (2 * epsilon);
      worst = Math.max(worst, Math.abs(analytic[k][i] - numeric) / Math.max(1, Math.abs(numeric)));
    }
    tf.tidy(() => variable.assign(tf.tensor(base, variable.shape)));
  });
  projection.dispose();
  return worst;
}
