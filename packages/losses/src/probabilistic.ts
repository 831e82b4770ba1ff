import * as tf from '@tensorflow/tfjs-core';
import { EPSILON, assertBroadcastable } from './errors';
import { LossFunctionWrapper, type LossOptions } from './loss';

/** sum(yTrue * log(yTrue / yPred), -1), both clipped to [eps, 1] as Keras does. */
export function klDivergence(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const output = tf.clipByValue(tf.cast(yPred, 'float32'), EPSILON, 1);
    const target = tf.clipByValue(tf.cast(yTrue, 'float32'), EPSILON, 1);
    assertBroadcastable('kl_divergence', target, output);
    return tf.sum(tf.mul(target, tf.log(tf.div(target, output))), -1);
  });
}

/** mean(yPred - yTrue * log(yPred + eps), -1). */
export function poisson(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const output = tf.cast(yPred, 'float32');
    const target = tf.cast(yTrue, 'float32');
    assertBroadcastable('poisson', target, output);
    return tf.mean(tf.sub(output, tf.mul(target, tf.log(tf.add(output, EPSILON)))), -1);
  });
}

export class KLDivergence extends LossFunctionWrapper {
  static override className = 'KLDivergence';
  constructor(options: LossOptions = {}) {
    super(klDivergence, { ...options, name: options.name ?? 'kl_divergence' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

export class Poisson extends LossFunctionWrapper {
  static override className = 'Poisson';
  constructor(options: LossOptions = {}) {
    super(poisson, { ...options, name: options.name ?? 'poisson' });
  }
  override getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}
