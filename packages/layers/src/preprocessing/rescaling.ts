import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerConfig } from '../engine/config-types';

type ScaleValue = number | number[];

export interface RescalingArgs extends LayerArgs {
  /** Added after scaling: `output = input * scale + offset`. Default `0`. */
  offset?: ScaleValue;
}

/** Rescaling's config as Keras 3 writes it. */
export type RescalingConfig = LayerConfig & {
  /** The factor the inputs are multiplied by (one per channel when a list). */
  scale: number | number[];
  /** The value added after scaling (one per channel when a list). */
  offset: number | number[];
};
/** Multiplies inputs by `scale` and adds `offset` (`new Rescaling(1 / 255)` maps [0, 255] to [0, 1]); outputs are float32. */
export class Rescaling extends Layer {
  static override className = 'Rescaling';
  readonly scale: ScaleValue;
  readonly offset: ScaleValue;

  constructor(scale: ScaleValue, args: RescalingArgs = {}) {
    super(args);
    for (const [name, value] of [
      ['scale', scale],
      ['offset', args.offset ?? 0],
    ] as const) {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0 || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
        throw new Error(`Rescaling expects \`${name}\` to be a finite number or an array of finite numbers; received ${JSON.stringify(value)}.`);
      }
    }
    this.scale = scale;
    this.offset = args.offset ?? 0;
    this.supportsMasking = true;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.tidy(() => tf.add(tf.mul(tf.cast(inputs as tf.Tensor, 'float32'), this.scale), this.offset));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): RescalingConfig {
    return { ...(super.getConfig() as LayerConfig), scale: this.scale, offset: this.offset };
  }

  static fromConfig(config: Record<string, unknown>): Rescaling {
    return new Rescaling(config.scale as ScaleValue, { ...layerArgsFromConfig(config), offset: (config.offset as ScaleValue) ?? 0 });
  }
}
