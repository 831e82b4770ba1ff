import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import * as backendPackage from './index';
import * as kernelNames from './kernel-names';
import { strataKernelRegistry } from './kernel-registry';
import { useBackend } from './use-backend';
import { strataWasmKernels } from './wasm-training-kernels';

beforeAll(async () => {
  await useBackend('wasm');
  await useBackend('cpu');
});

describe('strataKernelRegistry', () => {
  test('lists each kernel once, and every Strata kernel name of kernel-names.ts', () => {
    const listed = strataKernelRegistry.map((entry) => entry.kernelName);
    expect(new Set(listed).size).toBe(listed.length);
    const named = Object.values(kernelNames).sort();
    expect(listed.filter((name) => name.startsWith('Strata')).sort()).toEqual(named);
  });

  test('names, for each Strata-named kernel, an op that @strata/backend exports', () => {
    for (const entry of strataKernelRegistry.filter((e) => e.underTfjsName === undefined)) {
      for (const op of entry.op.split(', ')) {
        expect(typeof (backendPackage as Record<string, unknown>)[op], `${entry.kernelName}'s op ${op}`).toBe('function');
      }
    }
  });

  test('every kernel registered by useBackend is registered for its backends (cpu, wasm)', () => {
    for (const entry of strataKernelRegistry.filter((e) => e.registered === 'useBackend')) {
      for (const backendName of entry.backends.filter((name) => name !== 'webgpu')) {
        // StrataConv2D on wasm is registered by conv2dAffine on first use, as a call of wasm's FusedConv2D.
        if (entry.kernelName === 'StrataConv2D' && backendName === 'wasm') continue;
        expect(tf.getKernel(entry.kernelName, backendName), `${entry.kernelName} on ${backendName}`).toBeDefined();
      }
    }
  });

  test("lists exactly the kernels useBackend('wasm') registers under tfjs's names", () => {
    const underTfjsNames = strataKernelRegistry.filter((entry) => entry.underTfjsName).map((entry) => entry.kernelName);
    const registered = [...strataWasmKernels].filter((name) => !name.startsWith('Strata'));
    expect(underTfjsNames.sort()).toEqual(registered.sort());
  });
});
