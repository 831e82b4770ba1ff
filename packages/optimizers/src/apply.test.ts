import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';

beforeAll(() => useBackend('cpu'));

/** Two weights as a model holds them: a tf.Variable behind a Keras path. */
function weights(): Array<{ value: tf.Variable; path: string }> {
  return [
    { value: tf.variable(tf.tensor2d([[1, 2], [3, 4]])), path: 'model/dense/kernel' },
    { value: tf.variable(tf.tensor1d([0.5, -0.5])), path: 'model/dense/bias' },
  ];
}

describe("Keras's optimizer.apply(gradients, variables)", () => {
  it('updates as applyGradients does, naming the slots after the weights’ paths, and skips null gradients', () => {
    const viaApply = weights();
    const viaPairs = weights();
    const gradients = [tf.tensor2d([[0.1, -0.2], [0.3, 0.4]]), tf.tensor1d([1, -1])];
    const first = new Adam({ learningRate: 0.1 });
    const second = new Adam({ learningRate: 0.1 });
    second.build(
      viaPairs.map((w) => w.value),
      viaPairs.map((w) => w.path),
    );
    for (let step = 0; step < 3; step++) {
      first.apply(gradients, viaApply);
      second.applyGradients(gradients.map((g, i) => [g, viaPairs[i].value]));
    }
    viaApply.forEach((w, i) => expect(Array.from(w.value.dataSync())).toEqual(Array.from(viaPairs[i].value.dataSync())));
    expect(first.variables().map((v) => v.path)).toContain('adam/model_dense_kernel_momentum');
    const before = Array.from(viaApply[1].value.dataSync());
    first.apply([gradients[0], null], viaApply);
    expect(Array.from(viaApply[1].value.dataSync())).toEqual(before);
    expect(first.iterations).toBe(4);
    tf.dispose([...gradients, ...viaApply.map((w) => w.value), ...viaPairs.map((w) => w.value)]);
    first.dispose();
    second.dispose();
  });

  it('refuses gradients that do not pair with the variables', () => {
    const held = weights();
    const adam = new Adam();
    const gradient = tf.ones([2, 2]);
    expect(() => adam.apply([gradient], held)).toThrow('Adam.apply() received 1 gradient(s) for 2 variable(s)');
    tf.dispose([gradient, ...held.map((w) => w.value)]);
    adam.dispose();
  });
});
