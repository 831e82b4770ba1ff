import * as tf from '@tensorflow/tfjs-core';
import { RandomState, randomSeed } from '../rng';
import { Dataset } from './dataset';
import { type SliceOf, TensorSlicesDataset } from './sources';
import { cloneElement, disposeElement } from './structure';

type TensorStructure = tf.Tensor | readonly tf.Tensor[] | Readonly<Record<string, tf.Tensor>>;

export interface SplitDatasetOptions {
  /** Integer: samples in the left split; fraction in (0, 1): its share. Default: the complement of `rightSize`. */
  leftSize?: number | null;
  /** Integer: samples in the right split; fraction in (0, 1): its share. Default: the complement of `leftSize`. */
  rightSize?: number | null;
  /** Shuffle before splitting. Default false. */
  shuffle?: boolean;
  seed?: number;
}

/** Python's `round`: halves go to the even neighbour (round(2.5) == 2), as Keras's size arithmetic does. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction === 0.5) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(x);
}

/**
 * Keras's `_rescale_dataset_split_sizes`: integer sizes are counts, sizes in
 * (0, 1) are fractions rounded with Python's `round`; the missing side is the
 * complement. Errors use Keras's wording.
 */
export function splitSizes(leftSize: number | null | undefined, rightSize: number | null | undefined, total: number): [number, number] {
  if ((leftSize ?? null) === null && (rightSize ?? null) === null) {
    throw new Error('splitDataset: at least one of `leftSize` or `rightSize` must be specified. Received: leftSize=null and rightSize=null.');
  }
  if (leftSize === 0 && rightSize === 0) {
    throw new Error('splitDataset: both `leftSize` and `rightSize` are zero. At least one of the split sizes must be non-zero.');
  }
  const resolve = (size: number | null | undefined, side: 'left' | 'right'): number | null => {
    if (size === null || size === undefined) return null;
    const count = Number.isInteger(size);
    if (typeof size !== 'number' || (count && (size <= 0 || size >= total)) || (!count && !(size > 0 && size < 1))) {
      throw new Error(
        `splitDataset: \`${side}Size\` should be either a positive integer smaller than ${total}, or a float within the range \`[0, 1]\`. Received: ${side}Size=${size}.`,
      );
    }
    return count ? size : roundHalfEven(size * total);
  };
  if (leftSize && rightSize && !Number.isInteger(leftSize) && !Number.isInteger(rightSize) && leftSize + rightSize > 1) {
    throw new Error(`splitDataset: the sum of \`leftSize\` and \`rightSize\` is greater than 1 (${leftSize} + ${rightSize}). It must be less than or equal to 1.`);
  }
  let left = resolve(leftSize, 'left');
  let right = resolve(rightSize, 'right');
  if (left === null) left = total - (right as number);
  else if (right === null) right = total - left;
  if (left + (right as number) > total) {
    throw new Error(`splitDataset: the sum of \`leftSize\` and \`rightSize\` should be smaller than the ${total} samples. Received: leftSize + rightSize = ${left + (right as number)}.`);
  }
  for (const [split, side] of [[left, 'left'], [right, 'right']] as const) {
    if (split === 0) {
      throw new Error(`splitDataset: with a dataset of length=${total}, leftSize=${left} and rightSize=${right}, the ${side} split would be empty. Adjust either size.`);
    }
  }
  return [left, right as number];
}

/**
 * torch's CPU `randperm(n, generator)`, which Keras's torch backend uses to
 * shuffle in `split_dataset`: MT19937 seeded with `seed`, and for each i a swap
 * with `i + next_uint32 % (n - i)`. The same seed gives the same order as Keras.
 */
export function torchRandperm(count: number, seed: number): Int32Array {
  const random = new RandomState(seed);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = 0; i < count - 1; i++) {
    const j = i + (random.nextUint32() % (count - i));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}

/** The sample indices of each side: in order, or permuted; the right side is the last `right` of them. */
function splitIndices(total: number, options: SplitDatasetOptions): [Int32Array, Int32Array] {
  const [left, right] = splitSizes(options.leftSize, options.rightSize, total);
  const order = options.shuffle ? torchRandperm(total, options.seed ?? randomSeed()) : Int32Array.from({ length: total }, (_, i) => i);
  return [order.slice(0, left), order.slice(total - right)];
}

/** One side of `splitDataset` over tensors: a `fromTensorSlices` Dataset of its own rows, freed by `dispose()`. */
export class TensorSplitDataset<T> extends TensorSlicesDataset<T> {
  constructor(
    private readonly tensors: tf.Tensor[],
    structure: TensorStructure,
    readonly size: number,
  ) {
    super(structure, size);
  }

  dispose(): void {
    tf.dispose(this.tensors);
  }
}

/** One side of `splitDataset` over a Dataset: its elements held in memory, yielded as clones on each iteration. */
export class ElementSplitDataset<T> extends Dataset<T> {
  constructor(
    private readonly elements: T[],
    readonly size: number,
  ) {
    super(async function* () {
      for (const element of elements) yield cloneElement(element);
    });
  }

  dispose(): void {
    for (const element of this.elements) disposeElement(element);
    this.elements.length = 0;
  }
}

function gatherStructure(structure: TensorStructure, indices: Int32Array): { structure: TensorStructure; tensors: tf.Tensor[] } {
  const tensors: tf.Tensor[] = [];
  const take = (tensor: tf.Tensor) => {
    const rows = tf.tidy(() => tf.gather(tensor, tf.tensor1d(indices, 'int32')));
    tensors.push(rows);
    return rows;
  };
  if (structure instanceof tf.Tensor) return { structure: take(structure), tensors };
  if (Array.isArray(structure)) return { structure: structure.map(take), tensors };
  return { structure: Object.fromEntries(Object.entries(structure).map(([key, t]) => [key, take(t as tf.Tensor)])), tensors };
}

/**
 * `keras.utils.split_dataset`: a left and a right Dataset, from tensors (a
 * tensor, `[x, y]`, or `{ x, y }`, split along the first axis) or from a
 * Dataset (read into memory once, as Keras converts a dataset to a list).
 * Without `shuffle` the left side is the first `leftSize` samples and the
 * right side the last `rightSize`; with `shuffle` the order is torch's
 * `randperm(seed)`, which is what Keras (torch backend) draws for the same
 * seed. Input tensors stay the caller's; each side owns copies of its rows
 * (call `dispose()` on both when done).
 */
export function splitDataset<S extends TensorStructure>(
  dataset: S,
  options: SplitDatasetOptions,
): [TensorSplitDataset<SliceOf<S>>, TensorSplitDataset<SliceOf<S>>];
export function splitDataset<T>(dataset: Dataset<T>, options: SplitDatasetOptions): Promise<[ElementSplitDataset<T>, ElementSplitDataset<T>]>;
export function splitDataset<T>(
  dataset: TensorStructure | Dataset<T>,
  options: SplitDatasetOptions,
): [TensorSplitDataset<unknown>, TensorSplitDataset<unknown>] | Promise<[ElementSplitDataset<T>, ElementSplitDataset<T>]> {
  if (dataset instanceof Dataset) return splitElements(dataset, options);
  const leaves = dataset instanceof tf.Tensor ? [dataset] : Array.isArray(dataset) ? dataset : Object.values(dataset as Record<string, tf.Tensor>);
  if (leaves.length === 0 || leaves.some((t) => !(t instanceof tf.Tensor) || t.rank === 0)) {
    throw new Error('splitDataset expects a Dataset, a tensor, or an array or object of tensors with a first (sample) axis.');
  }
  const total = leaves[0].shape[0];
  if (leaves.some((t) => t.shape[0] !== total)) {
    throw new Error(`splitDataset needs tensors with the same first dimension, received shapes ${leaves.map((t) => `[${t.shape}]`).join(' and ')}.`);
  }
  const [leftIndices, rightIndices] = splitIndices(total, options);
  const side = (indices: Int32Array) => {
    const gathered = gatherStructure(dataset as TensorStructure, indices);
    return new TensorSplitDataset<unknown>(gathered.tensors, gathered.structure, indices.length);
  };
  return [side(leftIndices), side(rightIndices)];
}

async function splitElements<T>(dataset: Dataset<T>, options: SplitDatasetOptions): Promise<[ElementSplitDataset<T>, ElementSplitDataset<T>]> {
  const elements = await dataset.toArray();
  let indices: [Int32Array, Int32Array];
  try {
    indices = splitIndices(elements.length, options);
  } catch (error) {
    for (const element of elements) disposeElement(element);
    throw error;
  }
  const [leftIndices, rightIndices] = indices;
  const used = new Set([...leftIndices, ...rightIndices]);
  elements.forEach((element, i) => {
    if (!used.has(i)) disposeElement(element);
  });
  return [
    new ElementSplitDataset(Array.from(leftIndices, (i) => elements[i]), leftIndices.length),
    new ElementSplitDataset(Array.from(rightIndices, (i) => elements[i]), rightIndices.length),
  ];
}
