import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { activeBackend, availableBackends, useBackend } from './use-backend';
import { strataWasmKernels, wasmMissingKernels, wasmReplacedKernels, wasmStrataNamedKernels } from './wasm-training-kernels';

describe('useBackend', () => {
  test('starts cpu, selects it in tfjs and reports its features', async () => {
    const info = await useBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(info).toEqual({ name: 'cpu', simd: false, threads: 1, strataKernels: ['StrataConv2D', 'StrataConv2DBackpropFilter', 'StrataConv2DBackpropInput', 'StrataMatMul', 'StrataReluBiasGrad'] });
    expect(activeBackend()).toBe(info);
  });

  test('registers gradients, so tf.grads works with tfjs-core alone', async () => {
    await useBackend('cpu');
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)));
    expect(Array.from(await gradient(tf.tensor1d([1, -2, 3])).data())).toEqual([2, -4, 6]);
  });

  test('starts wasm with SIMD and one thread by default, and registers the training kernels', async () => {
    const info = await useBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.name).toBe('wasm');
    expect(info.simd).toBe(true);
    expect(info.threads).toBe(1);
    expect(info.strataKernels).toEqual([...wasmMissingKernels, ...wasmReplacedKernels, ...wasmStrataNamedKernels].sort());
    const product = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(Array.from(await product.data())).toEqual([11]);
  });

  test("leaves tfjs-backend-wasm's own kernels under tfjs's names, but Identity, which the engine runs itself", async () => {
    await useBackend('wasm');
    const underTfjsNames = [...strataWasmKernels].filter((name) => !name.startsWith('Strata'));
    expect(underTfjsNames.sort()).toEqual([...wasmMissingKernels, 'Identity'].sort());
    // The kernels Strata once replaced are tfjs's again; Strata's versions have names of their own.
    for (const name of ['MaxPoolGrad', 'Conv2DBackpropInput', 'Sum', 'Conv3DBackpropInputV2', 'Conv3DBackpropFilterV2']) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
      expect(strataWasmKernels.has(name), name).toBe(false);
    }
    for (const name of wasmStrataNamedKernels) expect(name.startsWith('Strata'), name).toBe(true);
  });

  test('switches back and forth between cpu and wasm', async () => {
    await useBackend('wasm');
    await useBackend('cpu');
    expect(tf.getBackend()).toBe('cpu');
    await useBackend('wasm');
    expect(activeBackend()?.name).toBe('wasm');
  });

  test('refuses a different wasm thread count once wasm has started', async () => {
    await useBackend('wasm');
    await expect(useBackend('wasm', { threads: 2 })).rejects.toThrow(/already started with 1/);
  });

  test('rejects a thread count that is not a whole number of at least 1', async () => {
    await expect(useBackend('wasm', { threads: 0 })).rejects.toThrow(/expected a whole number of at least 1/);
  });

  test('rejects an unknown backend name with the names it accepts', async () => {
    await expect(useBackend('webgl' as never)).rejects.toThrow("useBackend received 'webgl', but expected one of 'cpu', 'wasm', 'webgpu'.");
  });

  test('availableBackends lists the installed cpu and wasm packages', async () => {
    const names = await availableBackends();
    expect(names).toContain('cpu');
    expect(names).toContain('wasm');
  });
});
