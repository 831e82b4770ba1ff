import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { setHdf5WorkerScript } from './hdf5/isolate';
import { loadModel } from './models/load';
import { compileLeak, disposeLoaded, goldenFile, goldenPrediction, predictGolden, tensorCount } from './test-support/loaded-models';
import { readKerasFile } from './read-any';
import { goldenAvailable, readGoldenBytes } from './test-support/golden-files';
import { applyFlips, type BitFlip, flipRecipe } from './test-support/bit-flips';
import { KerasFileError } from './types';

/**
 * Corrupt HDF5 files on which the HDF5 library never returns. Found with
 * scripts/find-hdf5-hangs.mjs (about 1 in 2,500 seeded variants of
 * e2_embedding_lstm/model.h5; both are single bit flips in the file's global
 * heap, where the vlen string attributes live). The variants are made from the
 * golden file at run time. The global heap check (hdf5/global-heap.ts) refuses
 * them before HDF5 starts, in the worker and in the calling thread alike.
 */
const HANGS: Array<{ label: string; flips: BitFlip[]; at: number }> = [
  { label: 'bit 7 of byte 7288', flips: [[7288, 7]], at: 10112 },
  { label: 'bit 3 of byte 6681', flips: [[6681, 3]], at: 8752 },
];
/** A short limit keeps the tests quick; the golden files read in well under 100 ms. */
const LIMIT_MS = 2000;
const TIMED_OUT = /the HDF5 data looks corrupt: reading it did not finish in 2000 ms/;
const e2 = () => readGoldenBytes('e2_embedding_lstm', 'model.h5');

/**
 * For the time limit itself, a loop no check can foresee: the real worker,
 * plus a listener that spins in wasm forever when it is sent exactly
 * SPIN_FILE (an HDF5 signature and four bytes), as HDF5 does on a bad heap.
 */
const SPIN_FILE = Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0x5, 0x4, 0x3, 0x2);
const SPIN_WASM = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0, 7, 8, 1, 4, 0x73, 0x70, 0x69, 0x6e, 0, 0, 0x0a, 9, 1, 7, 0, 3, 0x40, 0x0c, 0, 0x0b, 0x0b];
const spinningWorker = () =>
  `data:text/javascript,${encodeURIComponent(`import ${JSON.stringify(inject('hdf5WorkerScript'))};
import { parentPort } from 'node:worker_threads';
const spin = new WebAssembly.Instance(new WebAssembly.Module(Uint8Array.from(${JSON.stringify(SPIN_WASM)}))).exports.spin;
parentPort.on('message', ({ job }) => { if (job.bytes.join() === ${JSON.stringify(SPIN_FILE.join())}) spin(); });`)}`;

async function outcome(read: Promise<unknown>): Promise<'loaded' | 'refused' | 'timed out'> {
  return read.then(
    () => 'loaded' as const,
    (error: unknown) => {
      expect(error, String(error)).toBeInstanceOf(KerasFileError);
      return TIMED_OUT.test((error as Error).message) ? ('timed out' as const) : ('refused' as const);
    },
  );
}

let leakPerCompile = 0;

beforeAll(async () => {
  await useBackend('cpu');
  leakPerCompile = compileLeak();
});

describe.skipIf(!goldenAvailable)('HDF5 files on which the library loops forever', () => {
  for (const inWorker of [true, false]) {
    it.each(HANGS)(`e2_embedding_lstm/model.h5 with $label is refused at once ${inWorker ? 'in the worker' : 'in the calling thread (as in the browser)'}, and the next read works`, async ({ flips, at }) => {
      if (!inWorker) setHdf5WorkerScript(null);
      try {
        const error = await readKerasFile(applyFlips(e2(), flips), { readTimeoutMs: LIMIT_MS, description: 'corrupt.h5' }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(KerasFileError);
        expect((error as Error).message).toBe(`corrupt.h5: its HDF5 global heap at byte 2048 is corrupt: its free space at byte ${at} has size 0, on which the HDF5 library would loop forever.`);
        expect((await readKerasFile(e2())).kind).toBe('legacy-h5');
      } finally {
        setHdf5WorkerScript(inject('hdf5WorkerScript'));
      }
    });
  }

  it('300 seeded bit-flip variants of model.h5 are each read or refused, none hangs', async () => {
    const original = e2();
    const tally = { loaded: 0, refused: 0, 'timed out': 0 };
    // Seeds 2400..2699 include 2461, a variant that makes HDF5 loop forever (scripts/find-hdf5-hangs.mjs).
    for (let seed = 2400; seed < 2700; seed++) {
      const bytes = applyFlips(original, flipRecipe(seed, original.length));
      const read = readKerasFile(bytes, { readTimeoutMs: LIMIT_MS });
      if (seed === 2461) await expect(read).rejects.toThrow(/global heap at byte 2048 is corrupt/);
      tally[await outcome(read)]++;
    }
    expect(tally.loaded + tally.refused + tally['timed out']).toBe(300);
    // Most flips land in weight data, which HDF5 cannot check, so most variants read; header flips are refused.
    expect(tally.loaded).toBeGreaterThan(100);
    expect(tally.refused).toBeGreaterThan(20);
    expect((await readKerasFile(original)).kind).toBe('legacy-h5');
  });
});

describe('a read that never finishes is stopped by the time limit', () => {
  afterEach(() => setHdf5WorkerScript(inject('hdf5WorkerScript')));

  it('a worker spinning in wasm is terminated, the file refused, and the next read gets a new worker', async () => {
    setHdf5WorkerScript(spinningWorker());
    const error = await readKerasFile(SPIN_FILE, { readTimeoutMs: LIMIT_MS, description: 'spin.h5' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileError);
    expect((error as Error).message).toMatch(new RegExp(`^spin\\.h5: ${TIMED_OUT.source}`));
    await expect(readKerasFile(Uint8Array.of(...SPIN_FILE.subarray(0, 8)))).rejects.toThrow(/HDF5 could not open it/);
  });

  it.skipIf(!goldenAvailable)('loadModel names the file it stopped reading, then loads a good model with no tensor left behind', async () => {
    setHdf5WorkerScript(spinningWorker());
    const folder = await mkdtemp(join(tmpdir(), 'strata-io-h5-hang-'));
    try {
      const path = join(folder, 'corrupt.h5');
      await writeFile(path, SPIN_FILE);
      clearSession();
      const before = tensorCount();
      const error = await loadModel(path, { readTimeoutMs: LIMIT_MS }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(KerasFileError);
      expect((error as Error).message.startsWith(`Keras file ${JSON.stringify(path)}: `), (error as Error).message).toBe(true);
      expect((error as Error).message).toMatch(TIMED_OUT);
      expect(tensorCount()).toBe(before);
      const model = await loadModel(goldenFile('e1_cnn_bn', 'model.h5'));
      const predicted = await predictGolden(model, 'e1_cnn_bn');
      const expected = goldenPrediction('e1_cnn_bn');
      expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([predicted, expected]);
      disposeLoaded(model);
      expect(tensorCount()).toBe(before + leakPerCompile);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!goldenAvailable)('reads queued behind a hanging one still finish, each with its own time limit', async () => {
    setHdf5WorkerScript(spinningWorker());
    const results = await Promise.allSettled([
      readKerasFile(readGoldenBytes('d_functional', 'model.h5'), { readTimeoutMs: LIMIT_MS }),
      readKerasFile(SPIN_FILE, { readTimeoutMs: LIMIT_MS }),
      readKerasFile(readGoldenBytes('d_functional', 'model.keras'), { readTimeoutMs: LIMIT_MS }),
      readKerasFile(readGoldenBytes('c_cnn', 'model.weights.h5'), { readTimeoutMs: LIMIT_MS }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(TIMED_OUT);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value.kind : null))).toEqual(['legacy-h5', null, 'keras-archive', 'weights-h5']);
  });
});

describe('a worker that dies is reported as a corrupt file, and replaced', () => {
  const workerThat = (onMessage: string) =>
    `data:text/javascript,${encodeURIComponent(`import { parentPort } from 'node:worker_threads'; parentPort.postMessage({ ready: true }); parentPort.on('message', () => { ${onMessage} });`)}`;
  const anyHdf5 = Uint8Array.of(0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a);

  afterEach(() => setHdf5WorkerScript(inject('hdf5WorkerScript')));

  it('a worker that exits mid-read', async () => {
    setHdf5WorkerScript(workerThat('process.exit(7);'));
    await expect(readKerasFile(anyHdf5, { description: 'crash.h5' })).rejects.toThrow(/^crash\.h5: the HDF5 reader stopped while reading it \(its worker exited with code 7\), so the file is corrupt or hostile\.$/);
  });

  it('a worker that throws mid-read (as an abort in wasm would)', async () => {
    setHdf5WorkerScript(workerThat("throw new Error('Aborted(OOM)');"));
    const error = await readKerasFile(anyHdf5, { description: 'crash.h5' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileError);
    expect((error as Error).message).toMatch(/^crash\.h5: the HDF5 reader crashed while reading it \(Aborted\(OOM\)\), so the file is corrupt or hostile\.$/);
  });

  it('a worker file that cannot start', async () => {
    setHdf5WorkerScript(new URL('./no-such-hdf5-worker.mjs', inject('hdf5WorkerScript')));
    await expect(readKerasFile(anyHdf5)).rejects.toThrow(/could not start its HDF5 reader worker/);
  });

  it.skipIf(!goldenAvailable)('the real worker reads again afterwards', async () => {
    expect((await readKerasFile(readGoldenBytes('d_functional', 'model.h5'))).kind).toBe('legacy-h5');
  });
});
