import { useBackend } from '../use-backend';
import { expectAllClose, kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { type DenseActivation, denseAffine } from './dense-affine';

/** tfjs's own ops: the reference for StrataDense's value and gradients. */
function reference(x: tf.Tensor2D, kernel: tf.Tensor2D, bias?: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  const z = bias ? tf.add(tf.matMul(x, kernel), bias) : tf.matMul(x, kernel);
  return (activation === 'relu' ? tf.relu(z) : z) as tf.Tensor2D;
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`StrataDense on ${backend}`, () => {
    for (const [rows, depth, units] of [[5, 7, 3], [33, 20, 9], [1, 4, 1]]) {
      for (const activation of ['linear', 'relu'] as const) {
        for (const withBias of [true, false]) {
          it(`[${rows},${depth}]·[${depth},${units}], ${activation}, ${withBias ? 'bias' : 'no bias'}: value and gradients equal tfjs's`, async () => {
            await useBackend(backend);
            const seed = rows * 100 + depth;
            const x = tf.randomNormal([rows, depth], 0, 1, 'float32', seed) as tf.Tensor2D;
            const kernel = tf.randomNormal([depth, units], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
            const bias = withBias ? (tf.randomNormal([units], 0, 1, 'float32', seed + 2) as tf.Tensor1D) : undefined;
            const weights = tf.randomNormal([rows, units], 0, 1, 'float32', seed + 3);
            const inputs = bias ? [x, kernel, bias] : [x, kernel];
            const objective = (op: typeof denseAffine) => (...args: tf.Tensor[]) =>
              tf.sum(tf.mul(op(args[0] as tf.Tensor2D, args[1] as tf.Tensor2D, args[2] as tf.Tensor1D | undefined, activation), weights));
            const before = tf.memory().numTensors;
            const ours = tf.valueAndGrads(objective(denseAffine))(inputs);
            const theirs = tf.valueAndGrads(objective(reference))(inputs);
            expectAllClose(ours.value, theirs.value, { rtol: 1e-5, atol: 1e-5 });
            ours.grads.forEach((grad, i) => expectAllClose(grad, theirs.grads[i], { rtol: 1e-5, atol: 1e-5 }));
            tf.dispose([ours.value, theirs.value, ...ours.grads, ...theirs.grads]);
            expect(tf.memory().numTensors).toBe(before);
            tf.dispose([...inputs, weights]);
          });
        }
      }
    }

    it('computes no input gradient when only the weights are differentiated', async () => {
      await useBackend(backend);
      const x = tf.randomNormal([4, 6], 0, 1, 'float32', 1) as tf.Tensor2D;
      const kernel = tf.variable(tf.randomNormal([6, 2], 0, 1, 'float32', 2)) as tf.Variable<tf.Rank.R2>;
      const names = kernelsRunBy(() => {
        const { grads } = tf.variableGrads(() => tf.sum(denseAffine(x, kernel)), [kernel]);
        tf.dispose(Object.values(grads));
      });
      // Forward, then the kernel gradient only: one product each.
      const products = names.filter((name) => ['StrataDense', 'StrataMatMul', 'BatchMatMul'].includes(name));
      expect(products).toHaveLength(2);
      tf.dispose([x, kernel]);
    });
  });
}
