/**
 * A small CNN built from these layers trains end to end: gradients reach every
 * weight through convolution, batch normalization (training mode), pooling
 * and merging, the loss falls, and a step leaks no tensor.
 */
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { ReLU } from '../activation-layers/relu';
import { Dense } from '../core/dense';
import type { Layer } from '../engine/layer';
import { Add } from '../merging/add';
import { BatchNormalization } from '../normalization/batch-normalization';
import { GlobalAveragePooling2D } from '../pooling/global-average-pooling2d';
import { MaxPooling2D } from '../pooling/max-pooling2d';
import { Conv2D } from './conv2d';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { SeparableConv2D } from './separable-conv2d';

beforeAll(async () => {
  await useBackend('cpu');
});

it('a residual CNN trains: every weight gets a gradient, the loss falls, nothing leaks', () => {
  const stem = new Conv2D(8, 3, { padding: 'same', useBias: false });
  const norm = new BatchNormalization();
  const relu = new ReLU();
  const pool = new MaxPooling2D(2);
  const branch = new SeparableConv2D(8, 3, { padding: 'same', dilationRate: 2 });
  const depthwise = new DepthwiseConv2D(3, { padding: 'same' });
  const add = new Add();
  const grouped = new Conv2D(8, 3, { groups: 2, strides: 2, padding: 'same' });
  const head = new GlobalAveragePooling2D();
  const classifier = new Dense(3, { activation: 'softmax' });
  const layers: Layer[] = [stem, norm, relu, pool, branch, depthwise, add, grouped, head, classifier];

  const forward = (x: tf.Tensor, training: boolean) => {
    const features = pool.apply(relu.apply(norm.apply(stem.apply(x), { training }))) as tf.Tensor;
    const merged = add.apply([branch.apply(features) as tf.Tensor, depthwise.apply(features) as tf.Tensor]) as tf.Tensor;
    return classifier.apply(head.apply(grouped.apply(merged))) as tf.Tensor;
  };
  const x = tf.randomNormal([8, 12, 12, 2], 0, 1, 'float32', 21);
  const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1], 'int32'), 3);
  forward(x, false);
  const weights = layers.flatMap((layer) => layer.trainableWeights);
  expect(weights.length).toBe(1 + 2 + 3 + 2 + 2 + 2);

  const loss = () => tf.tidy(() => tf.mean(tf.square(tf.sub(forward(x, false), labels))).dataSync()[0]);
  const before = loss();
  const tensorsBefore = tf.memory().numTensors;
  for (let step = 0; step < 30; step++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(forward(x, true), labels))) as tf.Scalar,
        weights.map((w) => w.value),
      );
      for (const weight of weights) {
        const gradient = grads[weight.value.name];
        expect(gradient, `gradient of ${weight.path}`).toBeDefined();
        weight.assign(tf.sub(weight.read(), tf.mul(gradient, 0.5)));
      }
    });
  }
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  // The moving statistics moved away from their initial zeros and ones.
  expect(Math.abs(norm.weights[2].read().dataSync()[0])).toBeGreaterThan(0);
  expect(loss()).toBeLessThan(before * 0.8);
});
