// The child process of hostile-loads.process.test.ts (bundled by it with esbuild; never part of the package):
//   node load-child.mjs <file to refuse> <good file>
// Loads the first file, then the good one, and prints one JSON line: the outcome of each, the peak RSS before and
// after the first load (process.resourceUsage().maxRSS, in KiB) and the tensor counts around it.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../models/load';

const [path, goodPath] = process.argv.slice(2);
await useBackend('cpu');
const baselineKiB = process.resourceUsage().maxRSS;
const tensorsBefore = tf.memory().numTensors;
let refusal: { name: string; message: string } | null = null;
try {
  const model = await loadModel(path, { warn: () => {} });
  model.dispose();
} catch (error) {
  refusal = { name: (error as Error).name, message: (error as Error).message };
}
const peakKiB = process.resourceUsage().maxRSS;
const tensorsAfter = tf.memory().numTensors;
const good = await loadModel(goodPath, { warn: () => {} });
const input = tf.ones([1, 4]);
const output = (await good.predict(input)) as tf.Tensor;
const prediction = Array.from(output.dataSync());
tf.dispose([input, output]);
good.dispose();
process.stdout.write(`${JSON.stringify({ refusal, baselineKiB, peakKiB, tensorsBefore, tensorsAfter, prediction })}\n`);
process.exit(0);
