import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachIndex, offsetOf, paddingBefore } from '../convolutional/naive-reference';
import type { BasePooling } from './base-pooling';
import {
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalMaxPooling1D,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
} from './index';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { poolingSpecs } from '../test-support/specs/pooling';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Each output is the max or the mean of the input elements its window covers (padding is not counted). */
function naivePool(x: tf.Tensor, layer: BasePooling): { data: Float32Array; shape: number[] } {
  const data = x.dataSync();
  const spatialIn = x.shape.slice(1, -1);
  const same = layer.padding === 'same';
  const spatialOut = spatialIn.map((length, i) =>
    same ? Math.ceil(length / layer.strides[i]) : Math.floor((length - layer.poolSize[i]) / layer.strides[i]) + 1,
  );
  const pads = spatialIn.map((length, i) => paddingBefore(length, spatialOut[i], layer.poolSize[i], layer.strides[i], 1, same));
  const outShape = [x.shape[0], ...spatialOut, x.shape[x.shape.length - 1]];
  const out = new Float32Array(outShape.reduce((a, b) => a * b, 1));
  forEachIndex(outShape, (index) => {
    const values: number[] = [];
    forEachIndex(layer.poolSize, (tap) => {
      const source = index.slice(1, -1).map((p, i) => p * layer.strides[i] + tap[i] - pads[i]);
      if (source.some((s, i) => s < 0 || s >= spatialIn[i])) return;
      values.push(data[offsetOf(x.shape, [index[0], ...source, index[index.length - 1]])]);
    });
    out[offsetOf(outShape, index)] = layer.mode === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;
  });
  return { data: out, shape: outShape };
}

function expectMatchesWindows(layer: BasePooling, inputShape: number[]): void {
  const x = tf.randomNormal(inputShape, 0, 1, 'float32', 5);
  const actual = layer.apply(x) as tf.Tensor;
  const expected = naivePool(x, layer);
  expect(actual.shape).toEqual(expected.shape);
  // Means of a few float32 values: 1e-6 relative, 1e-6 absolute.
  expectAllClose(actual, expected.data, { rtol: 1e-6, atol: 1e-6 });
}

describe('pooling matches the windows written out', () => {
  it('valid and same, strides smaller and larger than the window, 1D/2D/3D', () => {
    expectMatchesWindows(new MaxPooling2D([3, 2], { strides: [2, 1] }), [2, 7, 5, 3]);
    expectMatchesWindows(new AveragePooling2D([3, 3], { strides: 2, padding: 'same' }), [2, 6, 7, 2]);
    expectMatchesWindows(new MaxPooling2D(2, { padding: 'same' }), [1, 5, 5, 2]);
    expectMatchesWindows(new AveragePooling1D(3, { strides: 2, padding: 'same' }), [2, 8, 2]);
    expectMatchesWindows(new MaxPooling1D(2, { strides: 3 }), [2, 8, 2]);
    expectMatchesWindows(new AveragePooling3D(2, { padding: 'same' }), [1, 3, 5, 4, 2]);
    expectMatchesWindows(new MaxPooling3D([2, 1, 3], { strides: 1 }), [1, 3, 4, 5, 2]);
  });

  it('channels_first pools the spatial axes', () => {
    const x = tf.randomNormal([2, 4, 6, 3], 0, 1, 'float32', 2);
    const last = new AveragePooling2D(2).apply(x) as tf.Tensor;
    const first = new AveragePooling2D(2, { dataFormat: 'channels_first' }).apply(tf.transpose(x, [0, 3, 1, 2])) as tf.Tensor;
    expectAllClose(first, tf.transpose(last, [0, 3, 1, 2]));
  });

  it('global pooling is the max or mean over the spatial axes', () => {
    const x = tf.tensor3d([[[1, -2], [3, 4], [-5, 6]]]);
    expectAllClose(new GlobalMaxPooling1D().apply(x) as tf.Tensor, [3, 6]);
    expectAllClose(new GlobalAveragePooling1D().apply(x) as tf.Tensor, [-1 / 3, 8 / 3]);
  });

  it('GlobalAveragePooling1D averages only the unmasked steps', () => {
    const x = tf.tensor3d([[[1, -2], [3, 4], [-5, 6]]]);
    const mask = tf.tensor2d([[1, 1, 0]], [1, 3], 'bool');
    expectAllClose(new GlobalAveragePooling1D().apply(x, { mask }) as tf.Tensor, [2, 1]);
  });

  it('configs carry Keras\'s keys and defaults', () => {
    expect(new MaxPooling2D().getConfig()).toMatchObject({ pool_size: [2, 2], padding: 'valid', strides: [2, 2], data_format: 'channels_last' });
    expect(Object.keys(new GlobalAveragePooling2D().getConfig())).toEqual(['name', 'trainable', 'dtype', 'data_format', 'keepdims']);
  });
});

describeLayerTests('pooling layers through the layer harness', poolingSpecs);
