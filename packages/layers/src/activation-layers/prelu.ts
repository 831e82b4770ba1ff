import * as tf from '@tensorflow/tfjs-core';
import { type Constraint, getConstraint, serializeConstraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, serializeRegularizer } from '../regularizers';

export interface PReLUArgs extends LayerArgs {
  /** Initializer of the learned slopes. Default `'zeros'`. */
  alphaInitializer?: InitializerIdentifier;
  /** Regularizer applied to the slopes. Default `null`. */
  alphaRegularizer?: Regularizer | string | null;
  /** Constraint applied to the slopes after each update. Default `null`. */
  alphaConstraint?: Constraint | string | null;
  /** Axes (1-based, batch excluded as in Keras) along which one alpha is shared. */
  sharedAxes?: number | number[] | null;
}

/** Keras's PReLU: x for x >= 0, `alpha * x` below, with a learned alpha per position (shared along `sharedAxes`). */
export class PReLU extends Layer {
  static override className = 'PReLU';
  readonly alphaInitializer: Initializer;
  readonly alphaRegularizer: Regularizer | null;
  readonly alphaConstraint: Constraint | null;
  readonly sharedAxes: number[] | null;
  alpha?: LayerVariable;

  constructor(args: PReLUArgs = {}) {
    super(args);
    this.alphaInitializer = getInitializer(args.alphaInitializer ?? 'zeros');
    this.alphaRegularizer = args.alphaRegularizer ? getRegularizer(args.alphaRegularizer) : null;
    this.alphaConstraint = args.alphaConstraint ? getConstraint(args.alphaConstraint) : null;
    const shared = args.sharedAxes;
    this.sharedAxes = shared === null || shared === undefined ? null : typeof shared === 'number' ? [shared] : [...shared];
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const paramShape = inputShape.slice(1).map((d, i) => (this.sharedAxes?.includes(i + 1) ? 1 : d));
    if (paramShape.some((d) => d === null)) {
      throw new Error(`Layer "${this.name}" needs known sizes on the axes that are not shared; received ${JSON.stringify(inputShape)}.`);
    }
    this.alpha = this.addWeight('alpha', {
      shape: paramShape as number[],
      initializer: this.alphaInitializer,
      regularizer: this.alphaRegularizer,
      constraint: this.alphaConstraint,
    });
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    // relu(x) - alpha * relu(-x), Keras's formula: differentiable in alpha without a comparison.
    return tf.sub(tf.relu(input), tf.mul(this.alpha!.read(), tf.relu(tf.neg(input))));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      alpha_initializer: serializeInitializer(this.alphaInitializer),
      alpha_regularizer: this.alphaRegularizer ? serializeRegularizer(this.alphaRegularizer) : null,
      alpha_constraint: this.alphaConstraint ? serializeConstraint(this.alphaConstraint) : null,
      shared_axes: this.sharedAxes,
    };
  }

  static fromConfig(config: Record<string, unknown>): PReLU {
    return new PReLU({
      ...layerArgsFromConfig(config),
      alphaInitializer: config.alpha_initializer as InitializerIdentifier,
      alphaRegularizer: config.alpha_regularizer ? getRegularizer(config.alpha_regularizer as never) : null,
      alphaConstraint: config.alpha_constraint ? getConstraint(config.alpha_constraint as never) : null,
      sharedAxes: config.shared_axes as number[] | null,
    });
  }
}
