import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerConfig } from '../engine/config-types';

/** Activation's config as Keras 3 writes it. */
export type ActivationConfig = LayerConfig & {
  /** The activation's Keras name. */
  activation: string;
};

/** Applies an activation function to its input. */
export class Activation extends Layer {
  static override className = 'Activation';
  readonly activation: ActivationFunction;

  constructor(activation: ActivationIdentifier, args: LayerArgs = {}) {
    super(args);
    this.activation = getActivation(activation);
    this.supportsMasking = true;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return this.activation(inputs as tf.Tensor);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): ActivationConfig {
    return { ...(super.getConfig() as LayerConfig), activation: serializeActivation(this.activation, this.name) };
  }

  static fromConfig(config: Record<string, unknown>): Activation {
    return new Activation(config.activation as string, layerArgsFromConfig(config));
  }
}
