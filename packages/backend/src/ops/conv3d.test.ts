/**
 * conv3d against tfjs's cpu kernels: values and both gradients, on cpu and
 * wasm, with strides 2 and 'same' padding (where tfjs-backend-wasm's own
 * gradients go wrong) and plain cases. Agreement: max |op − cpu| ≤ 1e-5 ·
 * max |cpu|. And tfjs's own Conv3D gradients stay wasm's under tfjs's names.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { STRATA_CONV3D_BACKPROP_FILTER, STRATA_CONV3D_BACKPROP_INPUT } from '../kernel-names';
import { values } from '../test-support/kernel-test-support';
import { useBackend } from '../use-backend';
import { conv3dBackpropFilter, conv3dBackpropInput } from '../wasm-kernels/conv3d-backprop';
import { conv3d } from './conv3d';

type Shape5D = [number, number, number, number, number];
type Strides3D = [number, number, number];

interface Conv3DCase {
  x: Shape5D;
  filter: Shape5D;
  strides: Strides3D;
  pad: 'valid' | 'same';
}

const cases: Conv3DCase[] = [
  // The Conv3D layer spec that trained wrongly on wasm: kernel 3, stride 2, 'same'.
  { x: [1, 5, 4, 3, 2], filter: [3, 3, 3, 2, 2], strides: [2, 2, 2], pad: 'same' },
  { x: [2, 4, 4, 3, 2], filter: [2, 2, 2, 2, 3], strides: [1, 1, 1], pad: 'valid' },
  { x: [1, 6, 5, 7, 3], filter: [2, 3, 2, 3, 4], strides: [2, 1, 3], pad: 'same' },
];

type Conv = (x: tf.Tensor5D, filter: tf.Tensor5D, strides: Strides3D, pad: 'valid' | 'same') => tf.Tensor5D;

const tfjsConv3d: Conv = (x, filter, strides, pad) => tf.conv3d(x, filter, strides, pad);

/** The output and the gradients of Σ output · w with respect to x and the filter, read back. */
async function run(backendName: 'cpu' | 'wasm', conv: Conv, c: Conv3DCase, seed: number) {
  await tf.setBackend(backendName);
  const x = tf.tensor(values(c.x.reduce((a, b) => a * b, 1), seed), c.x) as tf.Tensor5D;
  const filter = tf.tensor(values(c.filter.reduce((a, b) => a * b, 1), seed + 1), c.filter) as tf.Tensor5D;
  const before = tf.memory().numTensors;
  const y = conv(x, filter, c.strides, c.pad);
  const w = tf.tensor(values(y.size, seed + 2), y.shape);
  const [dx, dFilter] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(conv(a as tf.Tensor5D, b as tf.Tensor5D, c.strides, c.pad), w)))([x, filter]);
  const result = { shape: y.shape, outputs: [await y.data(), await dx.data(), await dFilter.data()] };
  tf.dispose([y, w, dx, dFilter]);
  expect(tf.memory().numTensors, `conv3d on ${backendName} leaks no tensor`).toBe(before);
  tf.dispose([x, filter]);
  return result;
}

function worstRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  const scale = Math.max(...Array.from(expected, Math.abs));
  expect(scale, 'the reference is not all zeros').toBeGreaterThan(0.1);
  return Math.max(...Array.from(actual, (value, i) => Math.abs(value - expected[i]))) / scale;
}

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

describe('conv3d', () => {
  test.each(cases.map((c, index) => [JSON.stringify(c), c, index] as const))(
    "equals tfjs's cpu conv3d and its gradients, on cpu and wasm: %s",
    async (_, c, index) => {
      const reference = await run('cpu', tfjsConv3d, c, 10 * index);
      for (const backendName of ['cpu', 'wasm'] as const) {
        const actual = await run(backendName, conv3d, c, 10 * index);
        expect(actual.shape).toEqual(reference.shape);
        ['output', 'input gradient', 'filter gradient'].forEach((what, k) => {
          expect(worstRelativeError(actual.outputs[k], reference.outputs[k]), `${what} on ${backendName}`).toBeLessThanOrEqual(1e-5);
        });
      }
    },
  );

  test("on wasm runs Strata's Conv3D gradients, and leaves tfjs's to tf.conv3d", async () => {
    await useBackend('wasm');
    expect(tf.getKernel(STRATA_CONV3D_BACKPROP_INPUT, 'wasm')?.kernelFunc).toBe(conv3dBackpropInput);
    expect(tf.getKernel(STRATA_CONV3D_BACKPROP_FILTER, 'wasm')?.kernelFunc).toBe(conv3dBackpropFilter);
    for (const tfjsName of ['Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2']) {
      const kernel = tf.getKernel(tfjsName, 'wasm');
      expect(kernel, tfjsName).toBeDefined();
      expect([conv3dBackpropInput, conv3dBackpropFilter]).not.toContain(kernel?.kernelFunc);
    }
    // tf.conv3d's gradients on wasm are tfjs-backend-wasm 4.22's own, wrong with stride 2 and 'same'; conv3d's are right.
    const reference = await run('cpu', tfjsConv3d, cases[0], 0);
    const tfjs = await run('wasm', tfjsConv3d, cases[0], 0);
    const strata = await run('wasm', conv3d, cases[0], 0);
    for (const k of [1, 2]) {
      expect(worstRelativeError(tfjs.outputs[k], reference.outputs[k])).toBeGreaterThan(0.1);
      expect(worstRelativeError(strata.outputs[k], reference.outputs[k])).toBeLessThanOrEqual(1e-5);
    }
  });
});
