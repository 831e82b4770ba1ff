import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { Constant } from '../initializers';

export interface LayerScaleArgs extends LayerArgs {
  /** The value every element of the learned scale starts at (ConvNeXt uses 1e-6). */
  initValues: number;
  /** The size of the last axis, one scale per channel. */
  projectionDim: number;
}

/**
 * ConvNeXt's layer scale (keras.applications.convnext.LayerScale; Touvron et
 * al. 2021, arXiv 2103.17239): multiplies the last axis by a learned vector
 * `gamma` that starts at `initValues`. Keras defines it in its applications
 * module, so a saved config names that module and its registered name.
 */
export class LayerScale extends Layer {
  static override className = 'LayerScale';
  static override kerasModule = 'keras.src.applications.convnext';
  readonly initValues: number;
  readonly projectionDim: number;
  gamma?: LayerVariable;

  constructor(args: LayerScaleArgs) {
    super(args);
    if (typeof args?.initValues !== 'number' || !Number.isFinite(args.initValues)) {
      throw new Error(`LayerScale "${this.name}" needs initValues, a finite number; received ${JSON.stringify(args?.initValues)}.`);
    }
    if (!Number.isInteger(args.projectionDim) || args.projectionDim < 1) {
      throw new Error(`LayerScale "${this.name}" needs projectionDim, a positive integer; received ${JSON.stringify(args.projectionDim)}.`);
    }
    this.initValues = args.initValues;
    this.projectionDim = args.projectionDim;
  }

  override build(_inputShape: Shape): void {
    // Keras's add_weight here has no name, so its variable is called "variable" (the path is "<layer>/variable").
    this.gamma = this.addWeight('variable', { shape: [this.projectionDim], initializer: new Constant(this.initValues) });
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.mul(inputs as tf.Tensor, this.gamma!.read());
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), init_values: this.initValues, projection_dim: this.projectionDim };
  }

  static fromConfig(config: Record<string, unknown>): LayerScale {
    return new LayerScale({
      ...layerArgsFromConfig(config),
      initValues: config.init_values as number,
      projectionDim: config.projection_dim as number,
    });
  }
}
