import * as tf from '@tensorflow/tfjs-core';
import { RandomState, randomSeed } from '../rng';
import { Dataset } from './dataset';

export interface TimeseriesOptions {
  /** Steps between the starts of two successive windows. Default 1. */
  sequenceStride?: number;
  /** Steps between two successive time steps inside a window. Default 1. */
  samplingRate?: number;
  /** Windows per batch (Keras's default 128); null yields single windows. */
  batchSize?: number | null;
  /** Shuffle the windows (see `timeseriesDatasetFromArray`). Default false. */
  shuffle?: boolean;
  seed?: number;
  /** Data before this index is not used. */
  startIndex?: number | null;
  /** Data from this index on is not used. */
  endIndex?: number | null;
}

/** What `timeseriesDatasetFromArray` yields: windows alone, or windows and their targets. */
export type TimeseriesElement = tf.Tensor | [tf.Tensor, tf.Tensor];

type ArrayInput = tf.Tensor | ArrayLike<number> | ReadonlyArray<ReadonlyArray<number>>;

function lengthOf(input: ArrayInput): number {
  return input instanceof tf.Tensor ? input.shape[0] ?? 0 : input.length;
}

function checkArguments(length: number, sequenceLength: number, options: TimeseriesOptions): void {
  const { startIndex, endIndex, samplingRate = 1, sequenceStride = 1 } = options;
  const fail = (message: string) => {
    throw new Error(`timeseriesDatasetFromArray: ${message}`);
  };
  if (!Number.isInteger(sequenceLength) || sequenceLength < 1) fail(`\`sequenceLength\` must be a positive integer. Received: sequenceLength=${sequenceLength}.`);
  // Keras tests `if start_index:` and `if end_index:`, so 0 means "not set" for both.
  if (startIndex) {
    if (startIndex < 0) fail(`\`startIndex\` must be 0 or greater. Received: startIndex=${startIndex}.`);
    if (startIndex >= length) fail(`\`startIndex\` must be lower than the length of the data. Received: startIndex=${startIndex}, for data of length ${length}.`);
  }
  if (endIndex) {
    if (startIndex && endIndex <= startIndex) fail(`\`endIndex\` must be higher than \`startIndex\`. Received: startIndex=${startIndex}, and endIndex=${endIndex}.`);
    if (endIndex >= length) fail(`\`endIndex\` must be lower than the length of the data. Received: endIndex=${endIndex}, for data of length ${length}.`);
    if (endIndex <= 0) fail(`\`endIndex\` must be higher than 0. Received: endIndex=${endIndex}.`);
  }
  if (!(samplingRate > 0)) fail(`\`samplingRate\` must be higher than 0. Received: samplingRate=${samplingRate}.`);
  if (samplingRate >= length) fail(`\`samplingRate\` must be lower than the length of the data. Received: samplingRate=${samplingRate}, for data of length ${length}.`);
  if (!(sequenceStride > 0)) fail(`\`sequenceStride\` must be higher than 0. Received: sequenceStride=${sequenceStride}.`);
  if (sequenceStride >= length) fail(`\`sequenceStride\` must be lower than the length of the data. Received: sequenceStride=${sequenceStride}, for data of length ${length}.`);
}

/**
 * The start of every window, relative to `startIndex`, as Keras computes them
 * (`np.arange(0, num_seqs, sequence_stride)`), shuffled with
 * `np.random.RandomState(seed).shuffle` when asked: the same seed gives the
 * same order as Keras.
 */
export function windowStarts(length: number, targetLength: number | null, sequenceLength: number, options: TimeseriesOptions, seed: number): Int32Array {
  const { sequenceStride = 1, samplingRate = 1 } = options;
  const start = options.startIndex || 0;
  const end = options.endIndex || length;
  let count = end - start - (sequenceLength - 1) * samplingRate;
  if (targetLength !== null) count = Math.min(count, targetLength);
  const starts = new Int32Array(Math.max(0, Math.ceil(count / sequenceStride)));
  for (let i = 0; i < starts.length; i++) starts[i] = i * sequenceStride;
  if (options.shuffle) new RandomState(seed).shuffle(starts);
  return starts;
}

/**
 * `keras.utils.timeseries_dataset_from_array`: a Dataset of sliding windows
 * over `data` (time on axis 0). A window starting at `s` holds the steps
 * `s, s + samplingRate, ...` (`sequenceLength` of them) and its target is
 * `targets[s]`, both counted from `startIndex`. Yields batches
 * `(batch, sequenceLength, ...features)` (with targets, `[windows, targets]`).
 *
 * Without `shuffle` the batches are exactly Keras's. With `shuffle`, the
 * window starts are first shuffled with NumPy's `RandomState(seed)` exactly as
 * Keras does; then, as Keras's tf.data pipeline, a buffer of `batchSize * 8`
 * windows reshuffles them on every iteration, with Strata's own generator
 * (tf.data's random stream cannot be reproduced outside TensorFlow), so the
 * epochs hold Keras's windows in a different local order.
 *
 * Tensors given stay the caller's; arrays are converted once per iteration.
 * The consumer disposes each batch.
 */
export function timeseriesDatasetFromArray(
  data: ArrayInput,
  targets: ArrayInput | null,
  sequenceLength: number,
  options: TimeseriesOptions = {},
): Dataset<TimeseriesElement> {
  const length = lengthOf(data);
  checkArguments(length, sequenceLength, options);
  const { samplingRate = 1, shuffle = false } = options;
  const batchSize = options.batchSize === undefined ? 128 : options.batchSize;
  if (batchSize !== null && !(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new Error(`timeseriesDatasetFromArray expects batchSize to be a positive integer or null, received ${batchSize}.`);
  }
  const seed = options.seed ?? randomSeed();
  const start = options.startIndex || 0;
  const starts = windowStarts(length, targets === null ? null : lengthOf(targets), sequenceLength, options, seed);
  // Created once, so each iteration (epoch) gets a new local order, reproducible from the seed.
  const bufferRandom = new RandomState(seed);
  const group = batchSize ?? 1;
  return new Dataset<TimeseriesElement>(async function* () {
    const order = shuffle ? bufferShuffle(starts, batchSize === null ? 1024 : batchSize * 8, bufferRandom) : starts;
    const owned: tf.Tensor[] = [];
    const asTensor = (input: ArrayInput) => {
      if (input instanceof tf.Tensor) return input;
      const tensor = tf.tensor(input as number[]);
      owned.push(tensor);
      return tensor;
    };
    try {
      const series = asTensor(data);
      const labels = targets === null ? null : asTensor(targets);
      for (let first = 0; first < order.length; first += group) {
        const batchStarts = order.subarray(first, Math.min(first + group, order.length));
        const rows = new Int32Array(batchStarts.length * sequenceLength);
        batchStarts.forEach((windowStart, i) => {
          for (let t = 0; t < sequenceLength; t++) rows[i * sequenceLength + t] = start + windowStart + t * samplingRate;
        });
        const element = tf.tidy(() => {
          const windows = tf.gather(series, tf.tensor1d(rows, 'int32'));
          const shape = batchSize === null ? [sequenceLength, ...series.shape.slice(1)] : [batchStarts.length, sequenceLength, ...series.shape.slice(1)];
          const x = tf.reshape(windows, shape);
          if (labels === null) return x;
          const picked = tf.gather(labels, tf.tensor1d(Array.from(batchStarts, (s) => start + s), 'int32'));
          return [x, batchSize === null ? tf.squeeze(picked, [0]) : picked] as [tf.Tensor, tf.Tensor];
        });
        yield element;
      }
    } finally {
      tf.dispose(owned);
    }
  });
}

/** tf.data's `shuffle(bufferSize)` over window starts: fill the buffer, yield a random one, refill. */
function bufferShuffle(starts: Int32Array, bufferSize: number, random: RandomState): Int32Array {
  const output = new Int32Array(starts.length);
  const buffer: number[] = [];
  let written = 0;
  for (const start of starts) {
    if (buffer.length < bufferSize) {
      buffer.push(start);
      continue;
    }
    const index = random.interval(buffer.length - 1);
    output[written++] = buffer[index];
    buffer[index] = start;
  }
  while (buffer.length > 0) {
    const index = random.interval(buffer.length - 1);
    output[written++] = buffer[index];
    buffer[index] = buffer[buffer.length - 1];
    buffer.pop();
  }
  return output;
}
