import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from './dataset';
import type { Batched } from './structure';

type TensorStructure = tf.Tensor | readonly tf.Tensor[] | Readonly<Record<string, tf.Tensor>>;

/** The element type of `fromTensorSlices(structure)`: the same structure with the first dimension removed. */
export type SliceOf<S> = S extends tf.Tensor ? tf.Tensor : { -readonly [K in keyof S]: tf.Tensor };

function mapStructure(structure: TensorStructure, apply: (tensor: tf.Tensor) => tf.Tensor): unknown {
  if (structure instanceof tf.Tensor) return apply(structure);
  if (Array.isArray(structure)) return structure.map(apply);
  return Object.fromEntries(Object.entries(structure).map(([key, tensor]) => [key, apply(tensor as tf.Tensor)]));
}

function leaves(structure: TensorStructure): tf.Tensor[] {
  if (structure instanceof tf.Tensor) return [structure];
  return Array.isArray(structure) ? [...structure] : Object.values(structure);
}

/** Rows `start` to `start + size` of a tensor, keeping the first dimension. */
function rows(tensor: tf.Tensor, start: number, size: number): tf.Tensor {
  return tf.slice(tensor, [start, ...tensor.shape.slice(1).map(() => 0)], [size, ...tensor.shape.slice(1)]);
}

/**
 * The Dataset of `fromTensorSlices`. Its `batch` slices contiguous rows
 * directly instead of slicing single rows and stacking them, so
 * `fromTensorSlices([x, y]).batch(32)` yields exactly `[xBatch, yBatch]`
 * at the cost of one slice per tensor.
 */
export class TensorSlicesDataset<T> extends Dataset<T> {
  constructor(
    private readonly structure: TensorStructure,
    private readonly count: number,
  ) {
    super(async function* () {
      for (let row = 0; row < count; row++) {
        yield mapStructure(structure, (tensor) =>
          tf.tidy(() => tf.reshape(rows(tensor, row, 1), tensor.shape.slice(1))),
        ) as T;
      }
    });
  }

  override batch(batchSize: number, options: { dropRemainder?: boolean } = {}): Dataset<Batched<T>> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new Error(`Dataset.batch expects batchSize to be a positive integer, received ${batchSize}.`);
    }
    const { structure, count } = this;
    return new Dataset(async function* () {
      for (let start = 0; start < count; start += batchSize) {
        const size = Math.min(batchSize, count - start);
        if (size < batchSize && options.dropRemainder) return;
        yield mapStructure(structure, (tensor) => rows(tensor, start, size)) as Batched<T>;
      }
    });
  }
}

/**
 * A Dataset of the rows of a tensor, of a tuple of tensors (`[x, y]`), or of a
 * dict of tensors (`{ x, y }`), as `tf.data.Dataset.from_tensor_slices`. All
 * tensors must have the same first dimension. The source tensors stay the
 * caller's (dispose them after iterating); yielded rows and batches are new
 * tensors the consumer disposes.
 */
export function fromTensorSlices<S extends TensorStructure>(structure: S): TensorSlicesDataset<SliceOf<S>> {
  const tensors = leaves(structure);
  if (tensors.length === 0) throw new Error('fromTensorSlices needs at least one tensor, received an empty structure.');
  const count = tensors[0].shape[0];
  for (const tensor of tensors) {
    if (tensor.rank === 0) throw new Error('fromTensorSlices cannot slice a scalar tensor; give tensors with a first dimension.');
    if (tensor.shape[0] !== count) {
      throw new Error(
        `fromTensorSlices needs tensors with the same first dimension, received shapes ` +
          `${tensors.map((t) => `[${t.shape.join(', ')}]`).join(' and ')}.`,
      );
    }
  }
  return new TensorSlicesDataset<SliceOf<S>>(structure, count);
}

/** A Dataset of the items of an array (numbers, rows, objects or tensors), in order. */
export function fromArray<T>(items: readonly T[]): Dataset<T> {
  return new Dataset(async function* () {
    yield* items;
  });
}

/**
 * A Dataset fed by a generator function (sync or async), called anew for each
 * iteration so the Dataset can be repeated. Suits data larger than memory:
 * the generator produces elements only as they are consumed.
 */
export function fromGenerator<T>(
  generator: () => Iterator<T> | AsyncIterator<T> | Iterable<T> | AsyncIterable<T>,
): Dataset<T> {
  return new Dataset(async function* () {
    const source = generator();
    if (Symbol.asyncIterator in source) yield* source as AsyncIterable<T>;
    else if (Symbol.iterator in source) yield* source as Iterable<T>;
    else yield* { [Symbol.asyncIterator]: () => source as AsyncIterator<T> };
  });
}
