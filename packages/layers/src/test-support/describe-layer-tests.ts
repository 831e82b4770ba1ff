import { type BackendName, describeEachBackend } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listOf } from './layer-inputs';
import { type LayerTestSpec, runLayerTest } from './run-layer-test';

/** Harness specs by Keras class name; a class with several configurations has a list. */
export type LayerSpecs = Record<string, LayerTestSpec | LayerTestSpec[]>;

/**
 * The backends every layer's harness test runs on. webgpu runs where an adapter exists (CI's SwiftShader
 * Vulkan) and is a skipped test naming the reason elsewhere; runLayerTest reads every value asynchronously,
 * since webgpu in Node cannot read synchronously.
 */
export const LAYER_TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm', 'webgpu'];

/**
 * tfjs-backend-webgpu's matrix-product program for the harness's small products (at most 128 outputs) is
 * MatMulReduce, whose 256-thread workgroups synchronize at barriers: on SwiftShader, which runs them on the
 * CPU, one such product takes about 100 ms against 1 ms for MatMulPacked (3), and a recurrent layer's
 * harness test ran past two minutes. The harness asks for MatMulPacked on webgpu; the default program
 * stays covered by the backend's own webgpu test and every other webgpu test.
 */
const WEBGPU_MATMUL_PROGRAM_PACKED = 3;

function useFastMatMulOnWebGpu(): void {
  let previous: number | undefined;
  beforeAll(() => {
    previous = tf.env().getNumber('WEBGPU_MATMUL_PROGRAM_TYPE');
    tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', WEBGPU_MATMUL_PROGRAM_PACKED);
  });
  afterAll(() => {
    if (previous !== undefined) tf.env().set('WEBGPU_MATMUL_PROGRAM_TYPE', previous);
  });
}

/** Declares one runLayerTest per spec, on each backend. */
export function describeLayerTests(title: string, specs: LayerSpecs, backends: readonly BackendName[] = LAYER_TEST_BACKENDS): void {
  describeEachBackend(
    title,
    (backendName) => {
      if (backendName === 'webgpu') useFastMatMulOnWebGpu();
      for (const [className, entry] of Object.entries(specs)) {
        const list = listOf(entry);
        list.forEach((spec, index) => {
          const title = list.length > 1 ? `${className} (${index + 1} of ${list.length})` : className;
          const knownFailure = spec.knownFailure?.[backendName];
          const declare = knownFailure === undefined ? it : it.fails;
          declare(knownFailure === undefined ? title : `${title}, a known failure: ${knownFailure}`, async () => {
            const probe = spec.make();
            expect((probe.constructor as unknown as { className: string }).className, 'the spec makes its class').toBe(className);
            probe.dispose();
            await runLayerTest(spec);
          });
        });
      }
    },
    { backends },
  );
}
