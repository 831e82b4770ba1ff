import * as tf from '@tensorflow/tfjs-core';
import { layerArgsFromConfig } from '../engine/layer';
import { isShapeList, type Shape } from '../engine/shape';
import { Attention, type AttentionArgs } from './attention';

export type AdditiveAttentionArgs = Omit<AttentionArgs, 'scoreMode'>;

/**
 * Additive (Bahdanau-style) attention: scores are
 * `sum(scale · tanh(query + key))` over the features, with a learnt
 * per-feature `scale` (Keras's AdditiveAttention; `useScale` defaults to true).
 */
export class AdditiveAttention extends Attention {
  static override className = 'AdditiveAttention';

  constructor(args: AdditiveAttentionArgs = {}) {
    super({ ...args, useScale: args.useScale ?? true });
  }

  override build(inputShape: Shape | Shape[]): void {
    const query = isShapeList(inputShape) ? inputShape[0] : (inputShape as Shape);
    if (this.useScale) this.scale = this.addWeight('scale', { shape: [query[query.length - 1] as number], initializer: 'glorot_uniform' });
  }

  protected override calculateScores(query: tf.Tensor, key: tf.Tensor): tf.Tensor {
    const activated = tf.tanh(tf.add(tf.expandDims(query, -2), tf.expandDims(key, -3)));
    return tf.sum(this.scale ? tf.mul(this.scale.read(), activated) : activated, -1);
  }

  override getConfig(): Record<string, unknown> {
    const { score_mode: _scoreMode, ...config } = super.getConfig();
    return config;
  }

  static override fromConfig(config: Record<string, unknown>): AdditiveAttention {
    return new AdditiveAttention({
      ...layerArgsFromConfig(config),
      useScale: config.use_scale as boolean | undefined,
      dropout: config.dropout as number | undefined,
    });
  }
}
