import * as tf from '@tensorflow/tfjs-core';

export interface ClippingOptions {
  clipnorm: number | null;
  clipvalue: number | null;
  globalClipnorm: number | null;
}

/**
 * Keras's `_clip_by_norm`: `g * clipnorm / max(||g||, clipnorm)`, each gradient on
 * its own. (Keras's two-tap `where` only protects the gradient of the norm, which
 * we never differentiate, so a plain sqrt gives the same values.)
 */
export function clipByNorm(gradient: tf.Tensor, clipnorm: number): tf.Tensor {
  const norm = tf.sqrt(tf.sum(tf.square(gradient)));
  return tf.div(tf.mul(gradient, clipnorm), tf.maximum(norm, clipnorm));
}

/**
 * Keras's `clip_by_global_norm`: every gradient scaled by
 * `clipnorm * min(1 / globalNorm, 1 / clipnorm)`; `+ (norm - norm)` turns the scale
 * into NaN when the norm is not finite, as Keras does.
 */
export function clipByGlobalNorm(gradients: tf.Tensor[], clipnorm: number): tf.Tensor[] {
  const squaredNorms = gradients.map((gradient) => tf.sum(tf.square(gradient)));
  const globalNorm = tf.sqrt(tf.sum(tf.stack(squaredNorms)));
  const scaleForFinite = tf.mul(clipnorm, tf.minimum(tf.div(1, globalNorm), 1 / clipnorm));
  const scale = tf.add(scaleForFinite, tf.sub(globalNorm, globalNorm));
  return gradients.map((gradient) => tf.mul(gradient, scale));
}

/** Keras's `_clip_gradients`: at most one of the three options is set (checked by the optimizer). */
export function clipGradients(gradients: tf.Tensor[], options: ClippingOptions): tf.Tensor[] {
  const { clipnorm, clipvalue, globalClipnorm } = options;
  if (clipnorm && clipnorm > 0) return gradients.map((gradient) => clipByNorm(gradient, clipnorm));
  if (globalClipnorm && globalClipnorm > 0) return clipByGlobalNorm(gradients, globalClipnorm);
  if (clipvalue && clipvalue > 0) return gradients.map((gradient) => tf.clipByValue(gradient, -clipvalue, clipvalue));
  return gradients;
}
