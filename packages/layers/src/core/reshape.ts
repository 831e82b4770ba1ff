import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { formatShape, type Shape } from '../engine/shape';
import type { LayerConfig } from '../engine/config-types';

/** Reshape's config as Keras 3 writes it. */
export type ReshapeConfig = LayerConfig & {
  /** The output's sample shape; one entry may be -1. */
  target_shape: number[];
};

/** Reshapes each sample to `targetShape` (one entry may be -1, inferred). */
export class Reshape extends Layer {
  static override className = 'Reshape';
  readonly targetShape: number[];

  constructor(targetShape: number[], args: LayerArgs = {}) {
    super(args);
    if (targetShape.filter((d) => d === -1).length > 1) {
      throw new Error(`Reshape "${this.name}": at most one dimension of the target shape can be -1; received ${formatShape(targetShape)}.`);
    }
    this.targetShape = [...targetShape];
    // Keras 3 builds Reshape in its constructor, so its saved entry has no build_config.
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const [, ...target] = this.computeOutputShape(input.shape as Shape) as number[];
    return tf.reshape(input, [input.shape[0], ...target]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const sample = inputShape.slice(1);
    if (sample.some((d) => d === null)) return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    const size = sample.reduce<number>((a, d) => a * (d as number), 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
    const unknownIndex = this.targetShape.indexOf(-1);
    if (unknownIndex < 0 ? known !== size : size % known !== 0) {
      throw new Error(
        `Layer "${this.name}": the total size of the input shape ${formatShape(inputShape)} (${size}) does not fit the target shape ${formatShape(this.targetShape)}.`,
      );
    }
    return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? size / known : d))];
  }

  override getConfig(): ReshapeConfig {
    return { ...(super.getConfig() as LayerConfig), target_shape: this.targetShape };
  }

  static fromConfig(config: Record<string, unknown>): Reshape {
    return new Reshape(config.target_shape as number[], layerArgsFromConfig(config));
  }
}
