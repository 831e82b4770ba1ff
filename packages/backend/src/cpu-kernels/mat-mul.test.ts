import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { STRATA_MAT_MUL } from './mat-mul';

beforeAll(async () => {
  await useBackend('cpu');
});

/** The kernel and tfjs's own ops on the same inputs, as arrays. */
async function both(aShape: [number, number], bShape: [number, number], transposeA: boolean, transposeB: boolean, withBias: boolean, activation: 'linear' | 'relu') {
  const a = tf.randomNormal(aShape, 0, 1, 'float32', 1);
  const b = tf.randomNormal(bShape, 0, 1, 'float32', 2);
  const columns = transposeB ? bShape[0] : bShape[1];
  const bias = withBias ? tf.randomNormal([columns], 0, 1, 'float32', 3) : undefined;
  const inputs: tf.NamedTensorMap = bias ? { a, b, bias } : { a, b };
  const ours = tf.engine().runKernel(STRATA_MAT_MUL, inputs, { transposeA, transposeB, activation } as unknown as tf.NamedAttrMap) as tf.Tensor;
  const theirs = tf.tidy(() => {
    const product = tf.matMul(a, b, transposeA, transposeB);
    const z = bias ? tf.add(product, bias) : product;
    return activation === 'relu' ? tf.relu(z) : z;
  });
  const result = { shape: ours.shape, ours: Array.from(await ours.data()), theirs: Array.from(await theirs.data()) };
  tf.dispose([a, b, bias, ours, theirs].filter((t): t is tf.Tensor => t !== undefined));
  return result;
}

describe('StrataMatMul on cpu', () => {
  // Depths above the product's 256-deep slice (784, Dense's first layer in the tutorials) and odd edges.
  const shapes: Array<[[number, number], [number, number]]> = [
    [[5, 7], [7, 3]],
    [[33, 784], [784, 19]],
    [[1, 4], [4, 1]],
    [[64, 300], [300, 10]],
  ];
  for (const [aShape, bShape] of shapes) {
    for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      test(`[${aShape}]·[${bShape}], transposeA ${transposeA}, transposeB ${transposeB}: equals tfjs's matMul, bias and relu`, async () => {
        const a: [number, number] = transposeA ? [aShape[1], aShape[0]] : aShape;
        const b: [number, number] = transposeB ? [bShape[1], bShape[0]] : bShape;
        for (const [withBias, activation] of [[false, 'linear'], [true, 'linear'], [true, 'relu'], [false, 'relu']] as const) {
          const { shape, ours, theirs } = await both(a, b, transposeA, transposeB, withBias, activation);
          expect(shape).toEqual([aShape[0], bShape[1]]);
          // float32 results of sums of up to 784 products, in other orders: about 1e-5 relative to the sum's scale.
          const scale = Math.sqrt(aShape[1]);
          ours.forEach((value, i) => expect(Math.abs(value - theirs[i])).toBeLessThanOrEqual(1e-5 * scale * (1 + Math.abs(theirs[i]))));
        }
      });
    }
  }

  test('names the shapes when they do not multiply, and a wrong bias length', () => {
    const a = tf.zeros([2, 3]);
    const b = tf.zeros([4, 5]);
    expect(() => tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA: false, transposeB: false })).toThrow(
      /op\(a\) \[2,3\] and op\(b\) \[4,5\] do not multiply/,
    );
    const c = tf.zeros([3, 5]);
    const bias = tf.zeros([4]);
    expect(() => tf.engine().runKernel(STRATA_MAT_MUL, { a, b: c, bias }, { transposeA: false, transposeB: false })).toThrow(/bias of 5 values/);
    tf.dispose([a, b, c, bias]);
  });
});
