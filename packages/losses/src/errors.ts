import type * as tf from '@tensorflow/tfjs-core';

/** Keras's epsilon (`keras.backend.epsilon()`), used to clip probabilities. */
export const EPSILON = 1e-7;

function shapeText(tensor: tf.Tensor): string {
  return `[${tensor.shape.join(', ')}]`;
}

/** Throws an error that names the loss and both shapes. */
export function shapeError(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor, expectation: string): Error {
  return new Error(
    `Loss ${lossName}: ${expectation}. Received yTrue of shape ${shapeText(yTrue)} and yPred of shape ${shapeText(yPred)}.`,
  );
}

/** Requires identical shapes, as Keras's backend cross-entropy ops do. */
export function assertSameShape(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor, hint = ''): void {
  const same = yTrue.rank === yPred.rank && yTrue.shape.every((size, axis) => size === yPred.shape[axis]);
  if (!same) throw shapeError(lossName, yTrue, yPred, `yTrue and yPred must have the same shape${hint}`);
}

/** Requires numpy-broadcastable shapes, so that element-wise losses fail with a sentence instead of a kernel error. */
export function assertBroadcastable(lossName: string, yTrue: tf.Tensor, yPred: tf.Tensor): void {
  const rank = Math.max(yTrue.rank, yPred.rank);
  for (let offset = 1; offset <= rank; offset++) {
    const trueSize = yTrue.shape[yTrue.rank - offset] ?? 1;
    const predSize = yPred.shape[yPred.rank - offset] ?? 1;
    if (trueSize !== predSize && trueSize !== 1 && predSize !== 1) {
      throw shapeError(lossName, yTrue, yPred, 'yTrue and yPred must have the same (or broadcastable) shapes');
    }
  }
}

/** Resolves a possibly negative axis against a rank. */
export function normalizeAxis(axis: number, rank: number): number {
  return axis < 0 ? axis + rank : axis;
}
