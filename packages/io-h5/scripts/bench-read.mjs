// Read time of the golden Keras files with a built copy of this package.
//
//   STRATA_GOLDEN_DIR=... node scripts/bench-read.mjs [path/to/index.js=dist/index.js] [repeats=5]
//
// Prints the first read (which loads the HDF5 library) and, per model, the median time of
// readKerasFile on model.h5, model.keras and model.weights.h5.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modulePath = 'dist/index.js', repeatsArg = '5'] = process.argv.slice(2);
const golden = process.env.STRATA_GOLDEN_DIR;
if (!golden) throw new Error('Set STRATA_GOLDEN_DIR to the folder of Keras golden files.');
const { readKerasFile } = await import(pathToFileURL(resolve(modulePath)).href);
const models = ['a_mlp_tutorial', 'a_mlp_tutorial_trained', 'b_mlp_784', 'c_cnn', 'd_functional', 'e1_cnn_bn', 'e2_embedding_lstm'];
const files = ['model.h5', 'model.keras', 'model.weights.h5'];
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];

let start = performance.now();
await readKerasFile(new Uint8Array(readFileSync(join(golden, models[0], files[0]))));
console.log(`first read (loads HDF5): ${(performance.now() - start).toFixed(1)} ms`);
let total = 0;
for (const model of models) {
  const row = [];
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(join(golden, model, file)));
    const times = [];
    for (let repeat = 0; repeat < Number(repeatsArg); repeat++) {
      start = performance.now();
      await readKerasFile(bytes);
      times.push(performance.now() - start);
    }
    total += median(times);
    row.push(`${file} ${median(times).toFixed(1)} ms`);
  }
  console.log(`${model.padEnd(24)} ${row.join('  ')}`);
}
console.log(`sum of medians: ${total.toFixed(1)} ms`);
