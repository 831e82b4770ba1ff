/**
 * Strata's wasm Conv3D gradients against tfjs's cpu kernels, through the
 * engine, on the cases where tfjs-backend-wasm's own went wrong (stride 2 and
 * 'same' padding) and on plain ones: max |wasm − cpu| ≤ 1e-5 · max |cpu|.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { STRATA_CONV3D_BACKPROP_FILTER, STRATA_CONV3D_BACKPROP_INPUT } from '../kernel-names';
import { conv3d } from '../ops/conv3d';
import { strataWasmKernelKind } from '../wasm-training-kernels';

type Shape5D = [number, number, number, number, number];

interface Conv3DCase {
  x: Shape5D;
  filter: Shape5D;
  strides: number | [number, number, number];
  pad: 'valid' | 'same';
}

const cases: Conv3DCase[] = [
  // The Conv3D layer spec that failed on wasm: kernel 3, stride 2, 'same'.
  { x: [1, 5, 4, 3, 2], filter: [3, 3, 3, 2, 2], strides: 2, pad: 'same' },
  { x: [2, 4, 4, 3, 2], filter: [2, 2, 2, 2, 3], strides: 1, pad: 'valid' },
  { x: [1, 6, 5, 7, 3], filter: [2, 3, 2, 3, 4], strides: [2, 1, 3], pad: 'same' },
  { x: [2, 7, 6, 5, 1], filter: [3, 2, 2, 1, 2], strides: 2, pad: 'valid' },
];

/** Deterministic values in [-1, 1) from a linear congruential generator. */
function values(shape: number[], seed: number): Float32Array {
  let state = seed * 7919 + 17;
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  });
}

/** On wasm, Strata's kernels run under Strata's names; tfjs's names stay tfjs-backend-wasm's own. */
const onWasm: Readonly<Record<string, string>> = {
  Conv3DBackpropInputV2: STRATA_CONV3D_BACKPROP_INPUT,
  Conv3DBackpropFilterV2: STRATA_CONV3D_BACKPROP_FILTER,
};

async function run(backendName: 'cpu' | 'wasm', tfjsName: string, inputs: Record<string, [Float32Array, number[]]>, attrs: object) {
  await tf.setBackend(backendName);
  const name = backendName === 'wasm' ? onWasm[tfjsName] : tfjsName;
  const tensors = Object.fromEntries(Object.entries(inputs).map(([key, [data, shape]]) => [key, tf.tensor(data, shape)]));
  const before = tf.memory().numTensors;
  const output = tf.engine().runKernel(name, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: output.shape, data: await output.data() };
  output.dispose();
  expect(tf.memory().numTensors, `${name} on ${backendName} leaves only its output`).toBe(before);
  tf.dispose(Object.values(tensors));
  return result;
}

async function expectAgreement(name: string, inputs: Record<string, [Float32Array, number[]]>, attrs: object): Promise<void> {
  const cpu = await run('cpu', name, inputs, attrs);
  const wasm = await run('wasm', name, inputs, attrs);
  expect(wasm.shape).toEqual(cpu.shape);
  const scale = Math.max(...Array.from(cpu.data, Math.abs));
  expect(scale, 'the cpu gradient is not all zeros').toBeGreaterThan(0.1);
  const worst = Math.max(...Array.from(wasm.data, (value, i) => Math.abs(value - cpu.data[i])));
  expect(worst).toBeLessThanOrEqual(1e-5 * scale);
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe("Strata's wasm Conv3D gradients agree with tfjs cpu", () => {
  test("are registered natively under Strata's names, leaving wasm's own under tfjs's", () => {
    for (const [tfjsName, strataName] of Object.entries(onWasm)) {
      expect(strataWasmKernelKind(strataName)).toBe('native');
      expect(strataWasmKernelKind(tfjsName)).toBeUndefined();
    }
  });

  test.each(cases.map((c, index) => [JSON.stringify(c), c, index] as const))('%s', async (_, { x, filter, strides, pad }, index) => {
    const dyShape = tf.backend_util.computeConv3DInfo(x, filter, strides, 1, pad).outShape;
    const dy: [Float32Array, number[]] = [values(dyShape, 100 + index), dyShape];
    await expectAgreement('Conv3DBackpropInputV2', { dy, filter: [values(filter, 200 + index), filter] }, { strides, pad, inputShape: x });
    await expectAgreement('Conv3DBackpropFilterV2', { x: [values(x, 300 + index), x], dy }, { strides, pad, filterShape: filter });
  });

  test("train a strided Conv3D: the gradient through Strata's conv3d op on wasm equals cpu", async () => {
    const grads = async (backendName: 'cpu' | 'wasm') => {
      await tf.setBackend(backendName);
      const [x, w] = [tf.tensor(values([1, 5, 4, 3, 2], 1), [1, 5, 4, 3, 2]), tf.tensor(values([3, 3, 3, 2, 2], 2), [3, 3, 3, 2, 2])];
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(conv3d(a as tf.Tensor5D, b as tf.Tensor5D, [2, 2, 2], 'same'))))([x, w]);
      const result = [await dx.data(), await dw.data()];
      tf.dispose([x, w, dx, dw]);
      return result;
    };
    const [cpu, wasm] = [await grads('cpu'), await grads('wasm')];
    for (const k of [0, 1]) {
      const scale = Math.max(...Array.from(cpu[k], Math.abs));
      expect(Math.max(...Array.from(wasm[k], (value, i) => Math.abs(value - cpu[k][i])))).toBeLessThanOrEqual(1e-5 * scale);
    }
  });
});
