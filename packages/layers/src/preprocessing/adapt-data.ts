import * as tf from '@tensorflow/tfjs-core';

export type NestedArray<T> = T | NestedArray<T>[];
/** One batch for `adapt`: a tensor or a nested JS array. */
export type AdaptBatch<T> = tf.Tensor | NestedArray<T>[];
/**
 * What `adapt` takes, as Keras: a whole data set at once (a tensor or a nested
 * JS array, like a NumPy array), or batches from an iterable or async iterable
 * (a generator, a Dataset, an array of tensors).
 */
export type AdaptData<T> = tf.Tensor | NestedArray<T>[] | Iterable<AdaptBatch<T>> | AsyncIterable<AdaptBatch<T>>;

/** Whether `data` is a stream of batches rather than one array or tensor. */
export function isBatchStream(data: unknown): boolean {
  if (data instanceof tf.Tensor || typeof data === 'string') return false;
  if (Array.isArray(data)) return data.length > 0 && data.every((item) => item instanceof tf.Tensor);
  return data !== null && typeof data === 'object' && (Symbol.asyncIterator in data || Symbol.iterator in data);
}

/** Calls `visit` on each batch of `data` (once, with the whole data, when it is not a stream). */
export async function forEachBatch<T>(data: AdaptData<T>, visit: (batch: AdaptBatch<T>) => void): Promise<void> {
  if (!isBatchStream(data)) {
    visit(data as AdaptBatch<T>);
    return;
  }
  if (Symbol.asyncIterator in (data as object)) {
    for await (const batch of data as AsyncIterable<AdaptBatch<T>>) visit(unwrap(batch));
  } else {
    for (const batch of data as Iterable<AdaptBatch<T>>) visit(unwrap(batch));
  }
}

/** A batch of `[x, y]` (a supervised data set) adapts on x, as Keras's _extract_batch. */
function unwrap<T>(batch: AdaptBatch<T>): AdaptBatch<T> {
  if (Array.isArray(batch) && batch.length === 2 && batch[0] instanceof tf.Tensor && batch[1] instanceof tf.Tensor) {
    return batch[0] as tf.Tensor;
  }
  return batch;
}
