import { type BackendName, describeEachBackend } from '@strata/testing';
import { expect, it } from 'vitest';
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

/** Declares one runLayerTest per spec, on each backend. */
export function describeLayerTests(title: string, specs: LayerSpecs, backends: readonly BackendName[] = LAYER_TEST_BACKENDS): void {
  describeEachBackend(
    title,
    (backendName) => {
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
