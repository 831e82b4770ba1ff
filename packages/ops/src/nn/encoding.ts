// Keras's categorical encodings (keras.ops.nn): one_hot and multi_hot. Sparse outputs do not exist in tfjs.
import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, standardizeDtype, toTensor } from '../core/tensor-like';

export interface OneHotOptions {
  /** Where the class axis goes in the output. Default -1 (last). */
  axis?: number;
  /** The output dtype. Default float32. */
  dtype?: string;
  /** Keras's sparse output; Strata's tfjs tensors are always dense, so only false is accepted. */
  sparse?: boolean;
}

function refuseSparse(name: string, sparse: boolean | undefined): void {
  if (sparse) throw new TypeError(`${name}: sparse=true is not supported; Strata's tensors are dense (Keras on torch refuses it too).`);
}

function oneHotOf(indices: tf.Tensor, numClasses: number, axis: number, dtype: string): tf.Tensor {
  // A negative index gives a row of zeros, as Keras makes torch's one_hot do.
  const encoded = tf.oneHot(tf.cast(indices, 'int32'), numClasses);
  const rank = encoded.rank;
  const target = normalizeAxis(axis, rank);
  let moved = encoded;
  if (target !== rank - 1) {
    const order = Array.from({ length: rank - 1 }, (_, i) => i);
    order.splice(target, 0, rank - 1);
    moved = tf.transpose(encoded, order);
  }
  return tf.cast(moved, standardizeDtype(dtype));
}

/** `ops.one_hot(x, numClasses, {axis, dtype})`: integer labels to one-hot vectors along a new axis. */
export const oneHot = /* @__PURE__ */ defineOp({ name: 'one_hot', module: 'nn' }, function oneHot(x: TensorLike, numClasses: number, options: OneHotOptions = {}): tf.Tensor {
  refuseSparse('one_hot', options.sparse);
  return tf.tidy(() => oneHotOf(toTensor(x), numClasses, options.axis ?? -1, options.dtype ?? 'float32'));
});

export interface MultiHotOptions extends OneHotOptions {
  /** The number of classes; required, though Keras lists it with a default of None. */
  numClasses?: number;
}

/**
 * `ops.multi_hot(inputs, {numClasses, axis, dtype})`: the union of the one-hot encodings of each row's labels
 * (of the only row for a 1-D input).
 */
export const multiHot = /* @__PURE__ */ defineOp({ name: 'multi_hot', module: 'nn' }, function multiHot(inputs: TensorLike, options: MultiHotOptions = {}): tf.Tensor {
  refuseSparse('multi_hot', options.sparse);
  if (options.numClasses === undefined || options.numClasses === null) {
    throw new TypeError('multi_hot: numClasses must be given; received none.');
  }
  const numClasses = options.numClasses;
  return tf.tidy(() => {
    const tensor = toTensor(inputs);
    const encoded = oneHotOf(tensor, numClasses, options.axis ?? -1, options.dtype ?? 'float32');
    // Keras reduces axis 1 for a batch of label lists and axis 0 for one list.
    const reduced = tf.max(encoded.dtype === 'bool' ? tf.cast(encoded, 'int32') : encoded, tensor.rank > 1 ? 1 : 0);
    return encoded.dtype === 'bool' ? tf.cast(reduced, 'bool') : reduced;
  });
});
