/**
 * Test helpers, exported as `@strata/backend/testing`: run the same numeric
 * test on every backend this machine can start. A backend that cannot start
 * shows up in the report as a skipped test whose name gives the reason, so a
 * missing WebGPU adapter is visible instead of silently untested.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { type BackendName, type BackendOptions, backendNames, useBackend } from './use-backend';
import { noAdapterReason, requestWebGpuAdapter } from './webgpu-setup';

/** float32 agreement between backends: kernels sum in different orders. */
export const float32Tolerance = 1e-5;

/** Why `backendName` cannot start here, or undefined when it can. */
export async function backendUnavailableReason(backendName: BackendName): Promise<string | undefined> {
  try {
    if (backendName === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
    else if (backendName === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    else if ((await requestWebGpuAdapter()) === null) return noAdapterReason();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

export interface DescribeEachBackendOptions {
  /** Backends to try; all three by default. */
  backends?: readonly BackendName[];
  /** Passed to useBackend for each backend. */
  backendOptions?: BackendOptions;
}

/**
 * Declares one `describe` block per backend, named `title [backend]`, that
 * starts the backend in beforeAll and then runs the tests `body` declares.
 * Backends that cannot start get one skipped test that says why.
 */
export function describeEachBackend(
  title: string,
  body: (backendName: BackendName) => void,
  options: DescribeEachBackendOptions = {},
): void {
  for (const backendName of options.backends ?? backendNames) {
    describe(`${title} [${backendName}]`, async () => {
      const reason = await backendUnavailableReason(backendName);
      if (reason !== undefined) {
        test.skip(`skipped: the ${backendName} backend is unavailable here, because ${reason}`, () => {});
        return;
      }
      beforeAll(async () => {
        await useBackend(backendName, options.backendOptions);
      });
      body(backendName);
    });
  }
}

/**
 * Asserts that two tensors have the same shape and values within `tolerance`
 * (absolute, scaled up for large magnitudes), reporting the first difference.
 */
export async function expectTensorsClose(actual: tf.Tensor, expected: tf.Tensor, tolerance = float32Tolerance): Promise<void> {
  expect(actual.shape).toEqual(expected.shape);
  const actualValues = await actual.data();
  const expectedValues = await expected.data();
  for (let index = 0; index < expectedValues.length; index++) {
    const allowed = tolerance * Math.max(1, Math.abs(expectedValues[index]));
    const difference = Math.abs(actualValues[index] - expectedValues[index]);
    if (!(difference <= allowed)) {
      expect.fail(
        `value ${index} differs: received ${actualValues[index]}, expected ${expectedValues[index]} (difference ${difference}, allowed ${allowed}).`,
      );
    }
  }
}
