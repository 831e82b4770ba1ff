/**
 * evaluate, predict and fit take batches without copying the whole input: the
 * work per sample stays the same as n grows. Measured by counting, not timing:
 * the bytes read off the backend (tfjs-backend-wasm's Slice read the whole
 * input for every batch, so predict grew with n²) and the kernels run.
 */
import { useBackend } from '@strata/backend';
import { Dense, Flatten, clearSession, setRandomSeed } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

interface Counts {
  bytesRead: number;
  kernels: number;
}

/** Runs `work` and counts the bytes `readSync` returned and the kernels the engine ran. */
async function count(work: () => Promise<unknown>): Promise<Counts> {
  const backend = tf.backend() as unknown as { readSync(dataId: object): ArrayBufferView };
  const readSync = backend.readSync;
  let bytesRead = 0;
  backend.readSync = function (this: unknown, dataId: object) {
    const values = readSync.call(backend, dataId);
    bytesRead += values.byteLength ?? 0;
    return values;
  };
  const engine = tf.engine() as unknown as { runKernelFunc(...args: unknown[]): unknown };
  const runKernelFunc = engine.runKernelFunc;
  let kernels = 0;
  engine.runKernelFunc = function (this: unknown, ...args: unknown[]) {
    kernels++;
    return runKernelFunc.apply(engine, args);
  };
  try {
    const result = await work();
    if (result instanceof tf.Tensor) result.dispose();
    return { bytesRead, kernels };
  } finally {
    backend.readSync = readSync;
    engine.runKernelFunc = runKernelFunc;
  }
}

function model(): Sequential {
  clearSession();
  setRandomSeed(3);
  const m = new Sequential([new Flatten({ inputShape: [8, 8] }), new Dense(4, { activation: 'relu' }), new Dense(3)]);
  m.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return m;
}

function data(n: number): [tf.Tensor, tf.Tensor] {
  return tf.tidy(() => [tf.randomUniform([n, 8, 8], 0, 1, 'float32', 1), tf.cast(tf.randomUniform([n], 0, 3, 'float32', 2), 'int32')]);
}

const small = 256;
const large = 2048;

for (const backendName of ['cpu', 'wasm'] as const) {
  describe(`batching over growing n on ${backendName}`, () => {
    const cases: Array<[string, (m: Sequential, x: tf.Tensor, y: tf.Tensor) => Promise<unknown>]> = [
      ['predict', (m, x) => m.predict(x, { batchSize: 32 }) as Promise<unknown>],
      ['evaluate', (m, x, y) => m.evaluate(x, y, { batchSize: 32, verbose: 0 })],
      ['fit without shuffling', (m, x, y) => m.fit(x, y, { batchSize: 32, epochs: 1, shuffle: false, verbose: 0 })],
    ];
    for (const [name, run] of cases) {
      it(`${name}: bytes read and kernels run per sample do not grow with n`, async () => {
        await useBackend(backendName);
        const m = model();
        // A first call builds what persists (metric state, optimizer slots); the count starts after it.
        const [x0, y0] = data(32);
        await count(() => run(m, x0, y0));
        tf.dispose([x0, y0]);
        const before = tf.memory().numTensors;
        const perSample: Counts[] = [];
        for (const n of [small, large]) {
          const [x, y] = data(n);
          const counts = await count(() => run(m, x, y));
          perSample.push({ bytesRead: counts.bytesRead / n, kernels: counts.kernels / n });
          tf.dispose([x, y]);
        }
        // The old wasm path read n × 256 bytes per batch: 8× more per sample at n = 2048 than at 256.
        // What remains is per batch (a few logs read per epoch), so per sample it can only shrink.
        expect(perSample[1].bytesRead).toBeLessThanOrEqual(perSample[0].bytesRead * 1.05 + 1);
        expect(perSample[1].bytesRead).toBeLessThan(64);
        expect(perSample[1].kernels).toBeLessThanOrEqual(perSample[0].kernels * 1.05);
        expect(tf.memory().numTensors).toBe(before);
        m.dispose();
      });
    }
  });
}
