import * as tf from '@tensorflow/tfjs-core';

/**
 * Elements of a Dataset are nested structures: a tensor, a number, a string,
 * an array (a tuple such as `[x, y]`, or a row of numbers) or a plain object
 * (a dict such as `{ x, y }`). These helpers walk such structures.
 */

/** What `batch` makes of an element type: every leaf becomes a tensor with a leading batch dimension. */
export type Batched<T> = T extends tf.Tensor
  ? tf.Tensor
  : T extends number | string | boolean
    ? tf.Tensor1D
    : T extends readonly number[]
      ? tf.Tensor2D
      : T extends readonly unknown[]
        ? { -readonly [K in keyof T]: Batched<T[K]> }
        : T extends object
          ? { [K in keyof T]: Batched<T[K]> }
          : tf.Tensor;

/** What `unbatch` makes of a batched element type: each tensor loses its first dimension. */
export type Unbatched<T> = T extends tf.Tensor
  ? tf.Tensor
  : T extends readonly unknown[]
    ? { -readonly [K in keyof T]: Unbatched<T[K]> }
    : T extends object
      ? { [K in keyof T]: Unbatched<T[K]> }
      : never;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof tf.Tensor) &&
    Object.getPrototypeOf(value) === Object.prototype;
}

/** Every tensor inside an element. */
export function tensorsOf(element: unknown, into: Set<tf.Tensor> = new Set()): Set<tf.Tensor> {
  if (element instanceof tf.Tensor) into.add(element);
  else if (Array.isArray(element)) for (const item of element) tensorsOf(item, into);
  else if (isPlainObject(element)) for (const item of Object.values(element)) tensorsOf(item, into);
  return into;
}

/** Disposes the tensors of an element that was dropped, except those in `keep` (still referenced downstream). */
export function disposeElement(element: unknown, keep?: Set<tf.Tensor>): void {
  for (const tensor of tensorsOf(element)) if (!keep?.has(tensor) && !tensor.isDisposed) tensor.dispose();
}

/** A copy of an element whose tensors are new handles on the same data (`tf.clone` copies nothing). */
export function cloneElement<T>(element: T): T {
  if (element instanceof tf.Tensor) return tf.clone(element) as T;
  if (Array.isArray(element)) return element.map(cloneElement) as T;
  if (isPlainObject(element)) {
    return Object.fromEntries(Object.entries(element).map(([key, value]) => [key, cloneElement(value)])) as T;
  }
  return element;
}

function isNumericRow(value: unknown): value is number[] {
  // Either all numbers or all numeric rows, so a tuple such as `[[1, 2], 0]` is not mistaken for a row.
  if (!Array.isArray(value) || value.length === 0) return false;
  return value.every((item) => typeof item === 'number') || value.every(isNumericRow);
}

/** Stacks elements of the same structure into one batched element. Does not dispose the inputs. */
export function batchElements(elements: unknown[]): unknown {
  const first = elements[0];
  if (first instanceof tf.Tensor) {
    for (const element of elements) {
      if (!(element instanceof tf.Tensor) || !tf.util.arraysEqual(element.shape, first.shape)) {
        throw new Error(
          `Dataset.batch cannot stack elements of different shapes: [${first.shape.join(', ')}] and ` +
            `[${(element as tf.Tensor).shape?.join(', ')}]. Resize or pad them first (for example in map).`,
        );
      }
    }
    return tf.stack(elements as tf.Tensor[]);
  }
  if (typeof first === 'number') return tf.tensor1d(elements as number[], 'float32');
  if (typeof first === 'boolean') return tf.tensor1d(elements as boolean[], 'bool');
  if (typeof first === 'string') return tf.tensor1d(elements as string[], 'string');
  if (isNumericRow(first)) return tf.tensor(elements as number[][], undefined, 'float32');
  if (Array.isArray(first)) return first.map((_, index) => batchElements(elements.map((element) => (element as unknown[])[index])));
  if (isPlainObject(first)) {
    return Object.fromEntries(
      Object.keys(first).map((key) => [key, batchElements(elements.map((element) => (element as Record<string, unknown>)[key]))]),
    );
  }
  throw new Error(`Dataset.batch cannot batch elements of type ${typeof first}; use tensors, numbers, arrays or objects.`);
}

/** Splits a batched element into its rows (new tensors). Does not dispose the input. */
export function unbatchElement(element: unknown): unknown[] {
  if (element instanceof tf.Tensor) {
    if (element.rank === 0) throw new Error('Dataset.unbatch needs tensors with a batch dimension, received a scalar.');
    return tf.unstack(element);
  }
  if (Array.isArray(element)) {
    const columns = element.map(unbatchElement);
    return columns[0].map((_, row) => columns.map((column) => column[row]));
  }
  if (isPlainObject(element)) {
    const keys = Object.keys(element);
    const columns = keys.map((key) => unbatchElement(element[key]));
    return columns[0].map((_, row) => Object.fromEntries(keys.map((key, index) => [key, columns[index][row]])));
  }
  throw new Error(`Dataset.unbatch needs tensors, arrays or objects of tensors, received ${typeof element}.`);
}
