import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, it } from 'vitest';
import { Conv2D } from './conv2d';
import { randomInput } from '../test-harness';
beforeAll(async () => { await useBackend('cpu'); });
it('probe', () => {
  const layer = new Conv2D(4, 3, { activation: 'relu' });
  const x = randomInput([2, 7, 6, 3]);
  layer.apply(x);
  const v = layer.trainableWeights.map((w) => w.value);
  const p = tf.randomNormal([2, 5, 4, 4], 0, 1, 'float32', 7);
  for (const training of [false, true]) {
    const { grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x, { training }) as tf.Tensor, p)) as tf.Scalar, v);
    console.log(training, Array.from(grads[v[0].name].dataSync().slice(0, 6)), Array.from(grads[v[1].name].dataSync()));
  }
});
