/**
 * Runs the same tests on each backend this machine can start. A backend that
 * cannot start shows up in the report as a skipped test whose name gives the
 * reason, so a missing WebGPU adapter is visible instead of silently untested.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, test } from 'vitest';

export type BackendName = 'cpu' | 'wasm' | 'webgpu';

/** What the toolkit uses of @strata/backend. */
interface StrataBackend {
  useBackend(name: BackendName, options?: Record<string, unknown>): Promise<unknown>;
  requestWebGpuAdapter(): Promise<unknown | null>;
  noAdapterReason(): string;
}

/**
 * @strata/backend, imported when a test first needs it. The toolkit depends on
 * no Strata package (backend's own tests use it, and turbo refuses a cycle),
 * so the name is not a literal that tsc would resolve; vitest's aliases map it
 * to backend's source.
 */
export async function strataBackend(): Promise<StrataBackend> {
  const specifier = ['@strata', 'backend'].join('/');
  return (await import(/* @vite-ignore */ specifier)) as StrataBackend;
}

/** Why `backendName` cannot start here, or undefined when it can. */
export async function backendUnavailableReason(backendName: BackendName): Promise<string | undefined> {
  try {
    if (backendName === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
    else if (backendName === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    else {
      const backend = await strataBackend();
      if ((await backend.requestWebGpuAdapter()) === null) return backend.noAdapterReason();
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}

export interface DescribeEachBackendOptions {
  /** Backends to try; cpu, wasm and webgpu by default. */
  backends?: readonly BackendName[];
  /** Passed to useBackend for each backend (wasm threads, paths). */
  backendOptions?: Record<string, unknown>;
}

/**
 * Declares one `describe` block per backend, named `title [backend]`, that
 * starts the backend before its tests and restores the previous one after,
 * so that the rest of the file runs where it did. Backends that cannot start
 * get one skipped test that says why.
 */
export function describeEachBackend(
  title: string,
  body: (backendName: BackendName) => void,
  options: DescribeEachBackendOptions = {},
): void {
  for (const backendName of options.backends ?? (['cpu', 'wasm', 'webgpu'] as const)) {
    describe(`${title} [${backendName}]`, async () => {
      const reason = await backendUnavailableReason(backendName);
      if (reason !== undefined) {
        test.skip(`skipped: the ${backendName} backend is unavailable here, because ${reason}`, () => {});
        return;
      }
      let previous: string | undefined;
      beforeAll(async () => {
        previous = tf.engine().backendName ?? undefined;
        await (await strataBackend()).useBackend(backendName, options.backendOptions);
      });
      afterAll(async () => {
        if (previous !== undefined && previous !== tf.getBackend()) await tf.setBackend(previous);
      });
      body(backendName);
    });
  }
}
