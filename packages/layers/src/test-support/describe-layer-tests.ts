import { type BackendName, describeEachBackend } from '@strata/testing';
import { expect, it } from 'vitest';
import { listOf } from './layer-inputs';
import { type LayerTestSpec, runLayerTest } from './run-layer-test';

/** Harness specs by Keras class name; a class with several configurations has a list. */
export type LayerSpecs = Record<string, LayerTestSpec | LayerTestSpec[]>;

/**
 * The backends every layer's harness test runs on. Not webgpu yet: runLayerTest reads values synchronously
 * (dataSync), which webgpu in Node cannot do (it needs an OffscreenCanvas), so under CI's SwiftShader adapter
 * every spec failed there. Making the harness's reads asynchronous would put webgpu back in this list.
 */
export const LAYER_TEST_BACKENDS: readonly BackendName[] = ['cpu', 'wasm'];

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
          declare(knownFailure === undefined ? title : `${title}, a known failure: ${knownFailure}`, () => {
            const probe = spec.make();
            expect((probe.constructor as unknown as { className: string }).className, 'the spec makes its class').toBe(className);
            probe.dispose();
            runLayerTest(spec);
          });
        });
      }
    },
    { backends },
  );
}
