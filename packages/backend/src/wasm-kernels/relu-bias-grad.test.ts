import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { STRATA_RELU_BIAS_GRAD } from './relu-bias-grad';

// The cpu kernel (cpu-kernels/relu-bias-grad.ts) and this wasm one answer to the same checks.
for (const backendName of ['cpu', 'wasm'] as const) {

/** The kernel's outputs and tfjs's op chain (mul(dy, step(y)), then a sum over leading axes), as arrays. */
async function both(dyValues: number[], yValues: number[], shape: number[]) {
  const dy = tf.tensor(dyValues, shape);
  const y = tf.tensor(yValues, shape);
  const [dz, bias] = tf.engine().runKernel(STRATA_RELU_BIAS_GRAD, { dy, y }) as tf.Tensor[];
  const expectedDz = tf.tidy(() => tf.mul(dy, tf.step(y)));
  const expectedBias = tf.sum(expectedDz, Array.from({ length: shape.length - 1 }, (_, axis) => axis));
  const result = {
    dz: Array.from(await dz.data()),
    bias: Array.from(await bias.data()),
    biasShape: bias.shape,
    expectedDz: Array.from(await expectedDz.data()),
    expectedBias: Array.from(await expectedBias.data()),
  };
  tf.dispose([dy, y, dz, bias, expectedDz, expectedBias]);
  return result;
}

describe(`StrataReluBiasGrad on ${backendName}`, () => {
  beforeAll(async () => {
    await useBackend(backendName);
  });

  // On wasm, 8 channels take the SIMD pass and 3 the composition of wasm's Step, Multiply and Sum.
  test.each([8, 3])('%i channels: dz and the bias gradient equal the op chain', async (channels) => {
    const shape = [2, 5, 3, channels];
    const size = shape.reduce((a, b) => a * b, 1);
    // Zeros in y (a relu that cut), negative dy (−0 where cut), an infinite dy where cut (NaN, as tfjs's mul gives).
    const yValues = Array.from({ length: size }, (_, i) => (i % 3 === 0 ? 0 : Math.sin(i) + 0.2));
    const dyValues = Array.from({ length: size }, (_, i) => Math.cos(i * 1.7));
    dyValues[3] = Number.POSITIVE_INFINITY;
    yValues[3] = 0;
    const result = await both(dyValues, yValues, shape);
    expect(result.dz).toEqual(result.expectedDz);
    expect(result.biasShape).toEqual([channels]);
    // The kernel sums in float32 (wasm) or float64 (cpu), tfjs in float32, in different orders; a NaN stays NaN.
    result.expectedBias.forEach((value, c) => {
      if (Number.isNaN(value)) expect(result.bias[c]).toBeNaN();
      else expect(result.bias[c]).toBeCloseTo(value, 5);
    });
  });

  test('leaks no tensor and needs no reference to its inputs', async () => {
    const before = tf.memory().numTensors;
    const result = await both([1, -2, 3, 4], [1, 0, 2, -1], [1, 4]);
    expect(result.dz).toEqual([1, -0, 3, 0]);
    expect(result.bias).toEqual([1, 0, 3, 0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
}
