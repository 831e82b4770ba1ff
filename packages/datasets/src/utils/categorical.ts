import { readsSynchronously } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';

/**
 * One-hot encodes integer class labels, as `keras.utils.to_categorical`: the
 * result is float32 with shape `labels.shape + [numClasses]`, except that a
 * trailing dimension of 1 is dropped first (labels of shape (N, 1) give
 * (N, numClasses)). `numClasses` defaults to the largest label plus one.
 * A tensor given is not disposed; the caller owns the result.
 */
export function toCategorical(labels: tf.Tensor | ArrayLike<number> | number[][], numClasses?: number): tf.Tensor {
  let shape: number[];
  let values: ArrayLike<number>;
  if (labels instanceof tf.Tensor) {
    shape = labels.shape.slice();
    values = readLabels(labels);
  } else {
    const tensor = tf.tensor(labels as number[]);
    shape = tensor.shape.slice();
    values = tensor.dataSync() as ArrayLike<number>;
    tensor.dispose();
  }
  if (shape.length > 1 && shape[shape.length - 1] === 1) shape = shape.slice(0, -1);
  let largest = -1;
  for (let i = 0; i < values.length; i++) {
    const label = values[i];
    if (!Number.isInteger(label) || label < 0) {
      throw new Error(`toCategorical expects non-negative integer labels, received ${label} at index ${i}.`);
    }
    largest = Math.max(largest, label);
  }
  const classes = numClasses ?? largest + 1;
  if (!Number.isInteger(classes) || classes < 1) throw new Error(`toCategorical expects numClasses >= 1, received ${classes}.`);
  if (largest >= classes) {
    throw new Error(`toCategorical received label ${largest}, which is not below numClasses (${classes}).`);
  }
  const oneHot = new Float32Array(values.length * classes);
  for (let i = 0; i < values.length; i++) oneHot[i * classes + values[i]] = 1;
  return tf.tensor(oneHot, [...shape, classes], 'float32');
}

/**
 * The labels' values, read synchronously as Keras's to_categorical does. Some
 * backends cannot read synchronously (webgpu in Node fails; in a browser it can
 * give zeros): for those, the caller gets an error that says what to do instead.
 */
function readLabels(labels: tf.Tensor): ArrayLike<number> {
  if (!readsSynchronously()) {
    throw new Error(
      `toCategorical reads the labels synchronously, which the '${tf.getBackend()}' backend cannot do reliably: ` +
        'pass their values instead, toCategorical(await labels.data(), numClasses), or call it before switching to webgpu.',
    );
  }
  return labels.dataSync() as ArrayLike<number>;
}

/**
 * Scales `x` to unit norm along `axis`, as `keras.utils.normalize`:
 * `order` 2 (Euclidean), 1, or Infinity. Vectors whose norm is 0 are left
 * as they are (NumPy's path in Keras sets such norms to 1).
 */
export function normalize(x: tf.Tensor, axis = -1, order: 1 | 2 | number = 2): tf.Tensor {
  if (order !== 1 && order !== 2 && order !== Number.POSITIVE_INFINITY) {
    throw new Error(`normalize supports order 1, 2 or Infinity, received ${order}.`);
  }
  return tf.tidy(() => {
    const norm = tf.norm(x, order === 2 ? 'euclidean' : order, axis, true);
    const safe = tf.where(tf.equal(norm, 0), tf.onesLike(norm), norm);
    return tf.div(x, safe);
  });
}
