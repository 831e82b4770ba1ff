import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { kernelCoverage, strataKernels } from './kernel-coverage';
import { kernelsMarkdown } from './kernels-doc';
import { useBackend } from './use-backend';
import { provideNavigatorGpu } from './webgpu-setup';

// The repository's docs folder, reached from this file so no machine path is written down.
const kernelsDocument = fileURLToPath(new URL('../../../docs/KERNELS.md', import.meta.url));

beforeAll(async () => {
  await useBackend('wasm');
  await useBackend('cpu');
  // webgpu registers its kernels on import even without an adapter, so its column is known everywhere.
  await provideNavigatorGpu().catch(() => undefined);
  await import('@tensorflow/tfjs-backend-webgpu');
});

describe('kernelCoverage', () => {
  test('lists each needed kernel once', () => {
    const names = strataKernels.map((kernel) => kernel.kernelName);
    expect(new Set(names).size).toBe(names.length);
  });

  test('every kernel Strata needs is registered on cpu and on wasm after useBackend', () => {
    const missing = kernelCoverage()
      .filter((row) => row.support.cpu === 'missing' || row.support.wasm === 'missing')
      .map((row) => row.kernelName);
    expect(missing).toEqual([]);
  });

  test("marks the kernels Strata adds to wasm, and only those, as 'strata'", () => {
    const strataOnWasm = kernelCoverage()
      .filter((row) => row.support.wasm === 'strata')
      .map((row) => row.kernelName)
      .sort();
    expect(strataOnWasm).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'Identity',
      'UnsortedSegmentSum',
    ]);
    expect(kernelCoverage(['Conv2D'])[0].support).toEqual({ cpu: 'tfjs', wasm: 'tfjs', webgpu: 'tfjs' });
    // Einsum is the one Strata wasm kernel still run by the cpu backend on a copy.
    expect(kernelCoverage(['Einsum'])[0].support.wasm).toBe('strata-cpu');
  });

  test("marks kernels whose Strata version has a Strata name as 'strata-named', where that name is registered", () => {
    const strataNamed = (backendName: 'cpu' | 'wasm') =>
      kernelCoverage()
        .filter((row) => row.support[backendName] === 'strata-named')
        .map((row) => row.kernelName)
        .sort();
    expect(strataNamed('wasm')).toEqual(['Conv2DBackpropInput', 'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2', 'MaxPoolGrad', 'Sum']);
    expect(strataNamed('cpu')).toEqual(['Conv2DBackpropFilter', 'Conv2DBackpropInput']);
    expect(kernelCoverage(['MaxPoolGrad'])[0].support.webgpu).toBe('tfjs');
  });

  test("reports 'missing' for a kernel no backend has", () => {
    expect(tf.getKernel('NoSuchKernel', 'cpu')).toBeUndefined();
    expect(kernelCoverage(['NoSuchKernel'])[0].support).toEqual({ cpu: 'missing', wasm: 'missing', webgpu: 'missing' });
  });

  test('docs/KERNELS.md is the generated page (UPDATE_KERNELS_DOC=1 rewrites it)', () => {
    const generated = kernelsMarkdown();
    if (process.env.UPDATE_KERNELS_DOC === '1') writeFileSync(kernelsDocument, generated);
    expect(readFileSync(kernelsDocument, 'utf8')).toBe(generated);
  });
});
