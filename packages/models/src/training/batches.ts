import type * as tf from '@tensorflow/tfjs-core';
import type { StepData } from './step-methods';
import { gatherRows, sliceRows } from '@strata/backend';
import { type DatasetLike, shuffledIndices, unpackBatch } from './data';

export interface Batch {
  x: tf.Tensor[];
  y: tf.Tensor[];
  sampleWeight: tf.Tensor | null;
  dispose(): void;
}

/** Where an epoch's batches come from: in-memory tensors or a Dataset. */
export interface BatchSource {
  /** Steps per epoch when known (the progress bar's total). */
  steps: number | null;
  batches(): AsyncIterable<Batch>;
  /** Draws and drops the shuffle orders of `epochs` epochs, so a run resumed at that epoch shuffles as the whole run would. */
  skipEpochs?(epochs: number): void;
}

/**
 * Batches of in-memory tensors: contiguous slices, or rows gathered by a new
 * shuffled order each pass over the data. Each batch's tensors are freed after its step.
 * With `stepsPerEpoch` below the number of batches, an epoch goes on where the last one
 * stopped, and a new pass (a new order) starts once every batch was seen, as Keras's
 * EpochIterator does.
 */
export function tensorBatches(
  x: tf.Tensor[],
  y: tf.Tensor[],
  sampleWeight: tf.Tensor | null,
  batchSize: number,
  shuffle: boolean,
  random: () => number,
  stepsPerEpoch?: number,
): BatchSource {
  const count = x[0].shape[0];
  const batchCount = Math.ceil(count / batchSize);
  const steps = Math.min(batchCount, stepsPerEpoch ?? Number.POSITIVE_INFINITY);
  // Where the current pass over the data stands: the next batch, and its order.
  let seen = 0;
  let order: Int32Array | null = null;
  return {
    steps,
    skipEpochs(epochs: number) {
      // As `batches()` would go: a new order at the start of each pass, `steps` batches per epoch.
      for (let epoch = 0; epoch < epochs; epoch++) {
        if (seen === 0) order = shuffle ? shuffledIndices(count, random) : null;
        seen = Math.min(seen + steps, batchCount);
        if (seen >= batchCount) seen = 0;
      }
    },
    async *batches() {
      if (seen === 0) order = shuffle ? shuffledIndices(count, random) : null;
      for (let step = 0; step < steps && seen < batchCount; step++, seen++) {
        const start = seen * batchSize;
        const size = Math.min(batchSize, count - start);
        let parts: tf.Tensor[];
        if (order) {
          parts = gatherRows(sampleWeight ? [...x, ...y, sampleWeight] : [...x, ...y], order.subarray(start, start + size));
        } else {
          parts = sliceRows(sampleWeight ? [...x, ...y, sampleWeight] : [...x, ...y], start, size);
        }
        yield {
          x: parts.slice(0, x.length),
          y: parts.slice(x.length, x.length + y.length),
          sampleWeight: sampleWeight ? parts[parts.length - 1] : null,
          dispose: () => parts.forEach((t) => t.dispose()),
        };
      }
      if (seen >= batchCount) seen = 0;
    },
  };
}

/** Batches from a Dataset; an epoch ends when it is exhausted or after `steps` batches. */
export function datasetBatches(dataset: DatasetLike, steps: number | null): BatchSource {
  return {
    steps,
    async *batches() {
      let step = 0;
      const iterator = dataset[Symbol.asyncIterator]();
      try {
        while (steps === null || step < steps) {
          const next = await iterator.next();
          if (next.done) break;
          const { x, y, sampleWeight } = unpackBatch(next.value);
          const owned = [...x, ...(y ?? []), ...(sampleWeight ? [sampleWeight] : [])];
          yield { x, y: y ?? [], sampleWeight, dispose: () => owned.forEach((t) => t.dispose()) };
          step++;
        }
      } finally {
        await iterator.return?.();
      }
    },
  };
}

/** A batch as a step method receives it: `[x]`, `[x, y]` or `[x, y, sampleWeight]`, single tensors unwrapped. */
export function stepData(batch: Pick<Batch, 'x' | 'y' | 'sampleWeight'>): StepData {
  const x = batch.x.length === 1 ? batch.x[0] : batch.x;
  if (batch.y.length === 0) return [x];
  const y = batch.y.length === 1 ? batch.y[0] : batch.y;
  return batch.sampleWeight ? [x, y, batch.sampleWeight] : [x, y];
}
