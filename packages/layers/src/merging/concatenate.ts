import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { Merge } from './base-merge';
import type { LayerConfig } from '../engine/config-types';

export interface ConcatenateArgs extends LayerArgs {
  /** The axis the inputs are joined along. Default `-1`. */
  axis?: number;
}

/** Concatenate's config as Keras 3 writes it. */
export type ConcatenateConfig = LayerConfig & {
  /** The axis the inputs are joined along. */
  axis: number;
};

/** Keras's Concatenate: joins a list of tensors along `axis`; every other axis must match. */
export class Concatenate extends Merge {
  static override className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    this.axis = args.axis ?? -1;
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return tf.concat([left, right], this.axis);
  }

  override build(inputShape: Shape | Shape[]): void {
    this.assertInputList(inputShape);
    const shapes = inputShape as Shape[];
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const mismatch = shapes.some(
      (shape) => shape.length !== rank || shape.some((d, i) => i !== axis && d !== null && shapes[0][i] !== null && d !== shapes[0][i]),
    );
    if (mismatch) {
      throw new Error(
        `A \`Concatenate\` layer requires inputs with matching shapes except for the concatenation axis. Received: input_shape=${JSON.stringify(shapes)}`,
      );
    }
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    this.assertInputList(inputs);
    return tf.concat(inputs as tf.Tensor[], this.axis);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = inputShape as Shape[];
    const rank = shapes[0].length;
    const axis = this.axis < 0 ? this.axis + rank : this.axis;
    const output = [...shapes[0]];
    output[axis] = shapes.some((s) => s[axis] === null) ? null : shapes.reduce((total, s) => total + (s[axis] as number), 0);
    return output;
  }

  /** Keras: each mask (ones where missing) concatenated along the axis, then kept where all features are. */
  override computeMask(inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    if (!Array.isArray(mask) || mask.every((m) => m === null)) return null;
    const list = inputs as tf.Tensor[];
    const expanded = list.map((input, i) => {
      const m = mask[i];
      if (!m) return tf.onesLike(tf.cast(input, 'bool'));
      return m.rank < input.rank ? tf.expandDims(tf.cast(m, 'bool'), -1) : tf.cast(m, 'bool');
    });
    return tf.all(tf.concat(expanded, this.axis), -1);
  }

  override getConfig(): ConcatenateConfig {
    return { ...(super.getConfig() as LayerConfig), axis: this.axis };
  }

  static fromConfig(config: Record<string, unknown>): Concatenate {
    return new Concatenate({ ...layerArgsFromConfig(config), axis: config.axis as number });
  }
}
