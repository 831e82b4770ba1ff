import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { VarianceScaling } from '../initializers';
import { EinsumDense } from './einsum-dense';
import { analyzeEinsum } from './einsum-shapes';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('EinsumDense shapes (Keras\'s _analyze_einsum_string)', () => {
  it('fills a partial output shape from the input and counts the kernel\'s fan axes', () => {
    expect(analyzeEinsum('abc,cde->abde', 'de', [null, 5, 8], [null, 4, 2])).toEqual({
      kernelShape: [8, 4, 2],
      biasShape: [4, 2],
      outputShape: [null, 5, 4, 2],
      inputAxes: [0],
      outputAxes: [1, 2],
    });
  });

  it('puts the ellipsis\'s axes where the equation has them, and broadcasts a right-ellipsis bias', () => {
    expect(analyzeEinsum('...b,bc->...c', null, [2, 3, 7, 4], [6]).outputShape).toEqual([2, 3, 7, 6]);
    const right = analyzeEinsum('ab...,bc->ac...', 'c', [2, 4, 5, 6], [3]);
    expect(right.outputShape).toEqual([2, 3, 5, 6]);
    expect(right.biasShape).toEqual([3, 1, 1]);
    expect(new EinsumDense('ab,bc->ac', 64).computeOutputShape([null, 32])).toEqual([null, 64]);
  });

  it('rejects bad equations with Keras\'s messages', () => {
    expect(() => analyzeEinsum('ab->b', null, [2, 3], [3])).toThrow("Invalid einsum equation 'ab->b'");
    expect(() => analyzeEinsum('ab,bc->ac', 'x', [2, 3], [4])).toThrow("Bias dimension 'x' was requested, but is not part of the output spec 'ac'");
    expect(() => analyzeEinsum('abc,cd->abd', null, [2, 3, 4], [5, 6])).toThrow(
      "Input shape and output shape do not match at shared dimension 'b'. Input shape is 3, and output shape is 5.",
    );
    expect(() => analyzeEinsum('ab,bcx->ac', null, [2, 3], [4])).toThrow("Weight dimension 'x' did not have a match");
  });
});

describe('EinsumDense', () => {
  it('computes einsum(equation, inputs, kernel) + bias and keeps no tensor inside a tidy', () => {
    const layer = new EinsumDense('abc,cd->abd', [null, 2], { biasAxes: 'd', kernelInitializer: 'ones', biasInitializer: 'ones' });
    layer.maybeBuild([null, 1, 3]);
    const before = tf.memory().numTensors;
    const x = tf.tensor3d([[[1, 2, 3]], [[4, 5, 6]]]);
    // Layers leave intermediates to the caller's tidy, as the training step's one tidy.
    const y = tf.tidy(() => layer.apply(x) as tf.Tensor);
    expect(y.shape).toEqual([2, 1, 2]);
    expect(Array.from(y.dataSync())).toEqual([7, 7, 16, 16]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });

  it('draws a VarianceScaling kernel with fans over the equation\'s input and output axes, as Keras', () => {
    // fan_in = 8 (axis c), fan_out = 4 * 16 = 64 (axes d, e): glorot's limit sqrt(6 / 72), not sqrt(6 / (8 * 4 + 16)).
    const layer = new EinsumDense('abc,cde->abde', [null, 4, 16], { kernelInitializer: new VarianceScaling({ scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: 3 }) });
    layer.maybeBuild([null, 5, 8]);
    const kernel = layer.weights[0].read();
    const limit = Math.sqrt(3 / 36);
    expect(tf.max(tf.abs(kernel)).dataSync()[0]).toBeLessThanOrEqual(limit);
    expect(tf.max(tf.abs(kernel)).dataSync()[0]).toBeGreaterThan(0.9 * limit);
    layer.dispose();
  });
});
