// Shared by this folder's tests only (tsup bundles src/index.ts, not this file).
// The TypeScript twins of the Python classes in scripts/custom_objects_fixtures.py, as a user writes them.
import { Constant, Dense, Layer, type LayerArgs, layerArgsFromConfig, type Shape, type Tensors } from '@strata/layers';
import { Loss, type LossOptions } from '@strata/losses';
import { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';

/** A per-feature gain, initialised to `factor` (Python's Scale). */
export class Scale extends Layer {
  static override className = 'Scale';
  readonly factor: number;
  gain?: ReturnType<Layer['addWeight']>;

  constructor(factor = 2, args: LayerArgs = {}) {
    super(args);
    this.factor = factor;
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = inputShape as Shape;
    this.gain = this.addWeight('gain', { shape: [shape[shape.length - 1] as number], initializer: new Constant(this.factor) });
  }

  override call(inputs: Tensors): tf.Tensor {
    return tf.mul(inputs as tf.Tensor, (this.gain as NonNullable<Scale['gain']>).read());
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return inputShape as Shape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: this.factor };
  }

  static fromConfig(config: Record<string, unknown>): Scale {
    return new Scale(config.factor as number, layerArgsFromConfig(config));
  }
}

/** `factor` times the mean squared error (Python's ScaledMSE). */
export class ScaledMSE extends Loss {
  static override className = 'ScaledMSE';
  readonly factor: number;

  constructor(factor = 0.5, options: LossOptions = {}) {
    super(options, 'scaled_mse');
    this.factor = factor;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mul(this.factor, tf.mean(tf.square(tf.sub(yTrue, yPred)), -1)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), factor: this.factor };
  }

  static fromConfig(config: Record<string, unknown>): ScaledMSE {
    return new ScaledMSE(config.factor as number, { name: config.name as string, reduction: config.reduction as LossOptions['reduction'] });
  }
}

/** A subclassed model holding two Dense layers (Python's TinyModel). */
export class TinyModel extends Model {
  static override className = 'TinyModel';
  readonly units: number;
  readonly hidden: Dense;
  readonly head: Dense;

  constructor(units = 4, args: LayerArgs = {}) {
    super(args);
    this.units = units;
    this.hidden = new Dense(units, { activation: 'relu' });
    this.head = new Dense(2);
  }

  override call(inputs: Tensors): tf.Tensor {
    return this.head.apply(this.hidden.apply(inputs as tf.Tensor)) as tf.Tensor;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), units: this.units };
  }

  static fromConfig(config: Record<string, unknown>): TinyModel {
    return new TinyModel(config.units as number, layerArgsFromConfig(config));
  }
}
