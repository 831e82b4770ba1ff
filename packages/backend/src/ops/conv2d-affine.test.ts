import { useBackend } from '../use-backend';
import { backendUnavailableReason, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, test } from 'vitest';
import { type ConvActivation, conv2dAffine } from './conv2d-affine';

/** tfjs's own ops: the reference for StrataConv2D's value and gradients. */
function reference(
  x: tf.Tensor4D,
  filter: tf.Tensor4D,
  bias: tf.Tensor1D | undefined,
  strides: [number, number],
  pad: 'valid' | 'same',
  activation: ConvActivation,
): tf.Tensor4D {
  const convolved = tf.conv2d(x, filter, strides, pad);
  const z = bias ? tf.add(convolved, bias) : convolved;
  return (activation === 'relu' ? tf.relu(z) : z) as tf.Tensor4D;
}

interface Case {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same';
}

const cases: Case[] = [
  { x: [2, 8, 8, 1], filter: [3, 3, 1, 4], strides: [1, 1], pad: 'valid' },
  { x: [3, 7, 9, 3], filter: [3, 3, 3, 5], strides: [1, 1], pad: 'same' },
  { x: [2, 9, 8, 2], filter: [3, 2, 2, 3], strides: [2, 2], pad: 'same' },
  { x: [1, 10, 11, 4], filter: [4, 4, 4, 2], strides: [2, 3], pad: 'valid' },
];

const webgpuUnavailable = await backendUnavailableReason('webgpu');

// Values are read asynchronously: WebGPU cannot read synchronously in Node.
const values = async (tensor: tf.Tensor) => Array.from(await tensor.data());

// Tolerances: float32 products of up to 48 terms summed in different orders, about 1e-5 relative.
// On webgpu (in CI a software adapter, SwiftShader) FusedConv2D and tfjs's own gradients run.
for (const backend of ['cpu', 'wasm', 'webgpu'] as const) {
  if (backend === 'webgpu' && webgpuUnavailable !== undefined) {
    test.skip(`StrataConv2D on webgpu: skipped, because ${webgpuUnavailable}`, () => {});
    continue;
  }
  describe(`StrataConv2D on ${backend}`, () => {
    cases.forEach((convCase, index) => {
      for (const activation of ['linear', 'relu'] as const) {
        for (const withBias of [true, false]) {
          const { x: xShape, filter: filterShape, strides, pad } = convCase;
          it(`x ${xShape.join('×')}, filter ${filterShape.join('×')}, strides ${strides}, ${pad}, ${activation}, ${withBias ? 'bias' : 'no bias'}: value and gradients equal tfjs's`, async () => {
            await useBackend(backend);
            const seed = 10 * index + (withBias ? 1 : 0);
            const x = tf.randomNormal(xShape, 0, 1, 'float32', seed) as tf.Tensor4D;
            const filter = tf.randomNormal(filterShape, 0, 1, 'float32', seed + 100) as tf.Tensor4D;
            const bias = withBias ? (tf.randomNormal([filterShape[3]], 0, 1, 'float32', seed + 200) as tf.Tensor1D) : undefined;
            const output = tf.tidy(() => reference(x, filter, bias, strides, pad, 'linear'));
            const weights = tf.randomNormal(output.shape, 0, 1, 'float32', seed + 300);
            output.dispose();
            const inputs = bias ? [x, filter, bias] : [x, filter];
            type Op = typeof reference;
            const objective = (op: Op) => (...args: tf.Tensor[]) =>
              tf.sum(tf.mul(op(args[0] as tf.Tensor4D, args[1] as tf.Tensor4D, args[2] as tf.Tensor1D | undefined, strides, pad, activation), weights));
            const before = tf.memory().numTensors;
            const ours = tf.valueAndGrads(objective(conv2dAffine))(inputs);
            const theirs = tf.valueAndGrads(objective(reference))(inputs);
            expectAllClose(await values(ours.value), await values(theirs.value), { rtol: 1e-5, atol: 1e-4 });
            for (const [i, grad] of ours.grads.entries()) {
              expectAllClose(await values(grad), await values(theirs.grads[i]), { rtol: 1e-5, atol: 1e-4 });
            }
            tf.dispose([ours.value, theirs.value, ...ours.grads, ...theirs.grads]);
            expect(tf.memory().numTensors).toBe(before);
            tf.dispose([...inputs, weights]);
          });
        }
      }
    });
  });
}
