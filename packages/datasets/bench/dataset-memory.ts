// Memory-flatness benchmark (not a timed test): a million generated rows flow
// through a Dataset pipeline (generator -> map -> shuffle -> batch -> prefetch).
// If buffers bound memory, peak RSS stays near its starting level however many
// rows pass; a pipeline that kept rows or leaked tensors would grow with them.
// Run: pnpm --filter @strata/datasets bench:memory [rows]
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { fromGenerator } from '../src/index';

const rows = Number(process.argv[2] ?? 1_000_000);
const features = 16;
const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const pipeline = fromGenerator(function* () {
    for (let row = 0; row < rows; row++) {
      const values = new Array<number>(features);
      for (let i = 0; i < features; i++) values[i] = (row * 31 + i) % 97;
      yield { x: values, y: row % 10 };
    }
  })
    .map(({ x, y }) => [x, y] as [number[], number])
    .shuffle(1024, 113)
    .batch(256)
    .prefetch(2);

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let seen = 0;
  let checksum = 0;
  const started = performance.now();
  for await (const [x, y] of pipeline) {
    seen += x.shape[0];
    checksum += y.dataSync()[0];
    tf.dispose([x, y]);
    if (seen % 65_536 < 256) {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      console.log(`${String(seen).padStart(8)} rows  rss ${megabytes(process.memoryUsage().rss)}  tensors ${tf.memory().numTensors}`);
    }
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const seconds = (performance.now() - started) / 1000;
  console.log(`rows: ${seen}, seconds: ${seconds.toFixed(1)}, checksum: ${checksum}`);
  console.log(`start RSS: ${megabytes(startRss)}, peak RSS: ${megabytes(peakRss)}, growth: ${megabytes(peakRss - startRss)}`);
  console.log(`tensors left: ${tf.memory().numTensors}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
