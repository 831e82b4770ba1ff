import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface CustomScaleLayerArgs extends LayerArgs {
  /** The factor of the residual branch: InceptionResNetV2 uses 0.17, 0.1 and 0.2 in its three block kinds. */
  scale: number;
}

/**
 * InceptionResNetV2's residual sum (keras.applications.inception_resnet_v2.CustomScaleLayer):
 * given [shortcut, residual] it returns `shortcut + residual * scale`.
 */
export class CustomScaleLayer extends Layer {
  static override className = 'CustomScaleLayer';
  static override kerasModule = 'keras.src.applications.inception_resnet_v2';
  readonly scale: number;

  constructor(args: CustomScaleLayerArgs) {
    super(args);
    if (typeof args?.scale !== 'number' || !Number.isFinite(args.scale)) {
      throw new Error(`CustomScaleLayer "${this.name}" needs scale, a finite number; received ${JSON.stringify(args?.scale)}.`);
    }
    this.scale = args.scale;
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    if (!Array.isArray(inputs) || inputs.length !== 2) {
      throw new Error(`CustomScaleLayer "${this.name}" expects a list of two tensors [shortcut, residual]; received ${Array.isArray(inputs) ? `${inputs.length} tensors` : 'one tensor'}.`);
    }
    return tf.tidy(() => tf.add(inputs[0], tf.mul(inputs[1], this.scale)));
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = inputShape as Shape[];
    if (!Array.isArray(shapes[0])) {
      throw new Error(`CustomScaleLayer "${this.name}" expects the shapes of two inputs; received ${JSON.stringify(inputShape)}.`);
    }
    return shapes[0];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), scale: this.scale };
  }

  static fromConfig(config: Record<string, unknown>): CustomScaleLayer {
    return new CustomScaleLayer({ ...layerArgsFromConfig(config), scale: config.scale as number });
  }
}
