// The child process of hostile-loads.process.test.ts (bundled by it with esbuild; never part of the package):
//   node load-child.mjs <file to refuse> <good file>
// Loads the first file, then the good one, and prints one JSON line: the outcome of each, the peak RSS before and
// after the first load and the tensor counts around it. Before: the RSS at that moment (process.memoryUsage.rss());
// after: the peak RSS of the whole process (process.resourceUsage().maxRSS), so the difference can only overstate
// what the load took. Both in KiB.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { loadModel } from '../models/load';

const [path, goodPath] = process.argv.slice(2);
await useBackend('cpu');
const baselineKiB = process.memoryUsage.rss() / 1024;
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
