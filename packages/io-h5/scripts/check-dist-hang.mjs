// Checks the built package (dist/, with its HDF5 worker dist/hdf5-worker.js):
// - a corrupt .h5 on which HDF5 loops forever is refused at once (global heap check, in the worker);
// - a read past its time limit is stopped and refused, by readKerasFile and by loadModel from a path (which names it);
// - a good file reads afterwards, and the process then exits by itself (the idle worker does not hold it open).
//
//   pnpm --filter @strata/io-h5 build && STRATA_GOLDEN_DIR=... node scripts/check-dist-hang.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KerasFileError, loadModel, readKerasFile } from '../dist/index.js';

const golden = process.env.STRATA_GOLDEN_DIR;
if (!golden) throw new Error('Set STRATA_GOLDEN_DIR to the folder of Keras golden files.');
const read = (...parts) => new Uint8Array(readFileSync(join(golden, ...parts)));
const refusal = (promise) => promise.then(() => null, (caught) => caught);
function expectRefusal(error, pattern) {
  if (!(error instanceof KerasFileError) || !pattern.test(error.message)) throw new Error(`expected a KerasFileError matching ${pattern}, got ${error}`);
  console.log(`refused: ${error.message.slice(0, 160)}`);
}

const good = read('e2_embedding_lstm', 'model.h5');
const corrupt = good.slice();
corrupt[7288] ^= 1 << 7; // a flip in the global heap that makes HDF5 loop forever (src/hangs.test.ts)
expectRefusal(await refusal(readKerasFile(corrupt, { description: 'corrupt.h5' })), /^corrupt\.h5: its HDF5 global heap at byte 2048 is corrupt/);

// A 2.7 MB file cannot be read in 1 ms: the limit stops the read, as it stops a read that never ends.
const large = read('b_mlp_784', 'model.h5');
expectRefusal(await refusal(readKerasFile(large, { readTimeoutMs: 1, description: 'large.h5' })), /^large\.h5: the HDF5 data looks corrupt: reading it did not finish in 1 ms/);
const folder = mkdtempSync(join(tmpdir(), 'strata-io-h5-check-'));
try {
  const path = join(folder, 'large.h5');
  writeFileSync(path, large);
  // No backend is needed: loadModel fails on the read, before it builds anything.
  expectRefusal(await refusal(loadModel(path, { readTimeoutMs: 1 })), new RegExp(`^Keras file ${JSON.stringify(path).replaceAll(/[.\\/]/g, '\\$&')}: the HDF5 data looks corrupt`));
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const file = await readKerasFile(large);
if (file.kind !== 'legacy-h5' || file.layers.size === 0) throw new Error('the good file did not read after the refusals');
console.log(`the good file reads afterwards (${file.layers.size} layers); exiting.`);
