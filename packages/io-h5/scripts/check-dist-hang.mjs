// Checks the built package (dist/): a corrupt .h5 on which HDF5 loops forever is refused by the worker's
// time limit, a good file reads afterwards, and the process then exits by itself (the idle worker does not
// hold it open).
//
//   pnpm --filter @strata/io-h5 build && STRATA_GOLDEN_DIR=... node scripts/check-dist-hang.mjs
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KerasFileError, loadModel, readKerasFile } from '../dist/index.js';

const golden = process.env.STRATA_GOLDEN_DIR;
if (!golden) throw new Error('Set STRATA_GOLDEN_DIR to the folder of Keras golden files.');
const path = join(golden, 'e2_embedding_lstm', 'model.h5');
const bytes = new Uint8Array(readFileSync(path));
const corrupt = bytes.slice();
corrupt[7288] ^= 1 << 7; // a flip in the global heap that makes HDF5 loop forever (src/hangs.test.ts)

const started = performance.now();
const error = await readKerasFile(corrupt, { readTimeoutMs: 2000, description: 'corrupt.h5' }).then(() => null, (caught) => caught);
if (!(error instanceof KerasFileError) || !/^corrupt\.h5: the HDF5 data looks corrupt: reading it did not finish in 2000 ms/.test(error.message)) {
  throw new Error(`expected the time-limit refusal, got ${error}`);
}
console.log(`refused in ${Math.round(performance.now() - started)} ms: ${error.message}`);
const good = await readKerasFile(bytes);
if (good.kind !== 'legacy-h5' || good.layers.size === 0) throw new Error('the good file did not read after the refusal');
// loadModel from a path goes through the same worker and names the file (no backend is needed to fail on the read).
const folder = mkdtempSync(join(tmpdir(), 'strata-io-h5-check-'));
try {
  const corruptPath = join(folder, 'corrupt.h5');
  writeFileSync(corruptPath, corrupt);
  const fromPath = await loadModel(corruptPath, { readTimeoutMs: 2000 }).then(() => null, (caught) => caught);
  if (!(fromPath instanceof KerasFileError) || !fromPath.message.startsWith(`Keras file ${JSON.stringify(corruptPath)}: the HDF5 data looks corrupt`)) {
    throw new Error(`expected loadModel to name the file, got ${fromPath}`);
  }
  console.log(`loadModel refused it too: ${fromPath.message.slice(0, 120)}...`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`good file read afterwards (${good.layers.size} layers); exiting.`);
