// Memory benchmark, not a timed test (issue 5): a million generated rows flow
// from `fromGenerator` through shuffle -> batch -> prefetch into `model.fit`.
// Every N batches it samples the process's RSS, the JS heap and tf.memory(),
// prints the curve and the max/min ratios. If the Dataset's buffers bound
// memory, the curve is flat however many rows pass.
//
// Run: pnpm --filter @strata/bench dataset-memory [-- --rows 1000000 --batch 1000 --every 50]
import { useBackend } from '@strata/backend';
import { fromGenerator } from '@strata/datasets';
import { Dense, setRandomSeed } from '@strata/layers';
import { Sequential } from '@strata/models';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';

interface Options {
  rows: number;
  batch: number;
  every: number;
  features: number;
  shuffleBuffer: number;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { rows: 1_000_000, batch: 1000, every: 50, features: 16, shuffleBuffer: 10_000 };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '') as keyof Options;
    if (argv[i] === '--') continue;
    if (!(key in options)) throw new Error(`dataset-memory: unknown option ${argv[i]}; expected --rows, --batch, --every, --features or --shuffleBuffer.`);
    const value = Number(argv[++i]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`dataset-memory: --${key} needs a positive integer, received ${argv[i]}.`);
    options[key] = value;
  }
  return options;
}

interface Sample {
  batch: number;
  rows: number;
  rssMiB: number;
  heapMiB: number;
  tensors: number;
  tensorMiB: number;
}

const mebibytes = (bytes: number) => bytes / 2 ** 20;

function sample(batch: number, rows: number): Sample {
  const usage = process.memoryUsage();
  const memory = tf.memory();
  return {
    batch,
    rows,
    rssMiB: mebibytes(usage.rss),
    heapMiB: mebibytes(usage.heapUsed),
    tensors: memory.numTensors,
    tensorMiB: mebibytes(memory.numBytes),
  };
}

/** Max over min of one column; the first sample (before any step) is dropped as warm-up when there are enough. */
function ratio(samples: Sample[], pick: (s: Sample) => number): number {
  const values = (samples.length > 2 ? samples.slice(1) : samples).map(pick);
  return Math.max(...values) / Math.min(...values);
}

/** The rows, made on the fly: a deterministic pseudo-random walk, a target that a small network can learn. */
function* rowsOf(count: number, features: number): Generator<{ x: number[]; y: number[] }> {
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  for (let row = 0; row < count; row++) {
    const x = new Array<number>(features);
    let target = 0;
    for (let i = 0; i < features; i++) {
      x[i] = next();
      target += (i % 2 === 0 ? 1 : -1) * x[i];
    }
    yield { x, y: [Math.tanh(target)] };
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  await useBackend('cpu');
  setRandomSeed(1);
  const model = new Sequential([new Dense(32, { activation: 'relu', inputShape: [options.features] }), new Dense(1)]);
  model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: 'mse' });

  const samples: Sample[] = [];
  let batches = 0;
  let rows = 0;
  const dataset = fromGenerator(() => rowsOf(options.rows, options.features))
    .shuffle(options.shuffleBuffer, 7)
    .batch(options.batch)
    // The sample is taken as fit asks for the next batch, so after the previous step has run.
    .map((element) => {
      if (batches % options.every === 0) samples.push(sample(batches, rows));
      batches += 1;
      rows += (element.x as tf.Tensor).shape[0];
      return element;
    })
    .prefetch(2);

  console.log(
    `dataset-memory: ${options.rows} rows x ${options.features} features, batch ${options.batch}, shuffle buffer ${options.shuffleBuffer}, ` +
      `backend ${tf.getBackend()}, Node ${process.version}`,
  );
  const tensorsBefore = tf.memory().numTensors;
  const started = performance.now();
  const history = await model.fit(dataset, { epochs: 1, verbose: 0 });
  const seconds = (performance.now() - started) / 1000;
  const after = sample(batches, rows);

  console.log('\n batch      rows   rss MiB  heap MiB  tensors  tensor MiB');
  for (const s of [...samples, after]) {
    console.log(
      `${String(s.batch).padStart(6)} ${String(s.rows).padStart(9)} ${s.rssMiB.toFixed(1).padStart(9)} ${s.heapMiB.toFixed(1).padStart(9)} ` +
        `${String(s.tensors).padStart(8)} ${s.tensorMiB.toFixed(3).padStart(11)}`,
    );
  }
  console.log(`\nrows: ${rows} in ${batches} batches, ${seconds.toFixed(1)} s, final loss ${history.history.loss[0].toFixed(4)}`);
  console.log(`max/min over the ${samples.length} samples taken during fit, the first one (warm-up) left out:`);
  console.log(`RSS max/min: ${ratio(samples, (s) => s.rssMiB).toFixed(3)} (peak ${Math.max(...samples.map((s) => s.rssMiB)).toFixed(1)} MiB)`);
  const half = Math.floor(samples.length / 2);
  const peak = (list: Sample[]) => Math.max(...list.map((s) => s.rssMiB));
  console.log(`peak RSS, second half of the rows over the first half: ${(peak(samples.slice(half)) / peak(samples.slice(0, half))).toFixed(3)}`);
  console.log(`heap max/min: ${ratio(samples, (s) => s.heapMiB).toFixed(3)}`);
  console.log(`tensors max/min: ${ratio(samples, (s) => s.tensors).toFixed(3)}, tensor bytes max/min: ${ratio(samples, (s) => s.tensorMiB).toFixed(3)}`);
  console.log(`tensors after fit minus before: ${tf.memory().numTensors - tensorsBefore} (the optimizer's slots)`);
  model.dispose();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
