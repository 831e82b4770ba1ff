import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { broadcastAlong, normalize, resolveAxis } from './normalization-utils';
import { ScaleAndCenter, type ScaleAndCenterArgs, type ScaleAndCenterConfig } from './scale-and-center';
import type { LayerConfig } from '../engine/config-types';
import type { KerasSerialized } from '../serialization';

export interface BatchNormalizationArgs extends LayerArgs, ScaleAndCenterArgs {
  /** The features axis, normalised per position along it. Default `-1`. */
  axis?: number;
  /** Momentum of the moving mean and variance: `moving = moving * momentum + batch * (1 - momentum)`. Default `0.99`. */
  momentum?: number;
  /** Added to the variance before the square root. Default `0.001`. */
  epsilon?: number;
  /** Initializer of the moving mean. Default `'zeros'`. */
  movingMeanInitializer?: InitializerIdentifier;
  /** Initializer of the moving variance. Default `'ones'`. */
  movingVarianceInitializer?: InitializerIdentifier;
  /** TensorFlow-only in Keras; accepted as false only. */
  synchronized?: boolean;
}

/** BatchNormalization's config as Keras 3 writes it. */
export type BatchNormalizationConfig = LayerConfig &
  ScaleAndCenterConfig & {
    /** The normalized (feature) axis. */
    axis: number;
    /** Momentum of the moving mean and variance. */
    momentum: number;
    /** Added to the variance to avoid dividing by zero. */
    epsilon: number;
    /** Initializer of the moving mean, serialized. */
    moving_mean_initializer: KerasSerialized;
    /** Initializer of the moving variance, serialized. */
    moving_variance_initializer: KerasSerialized;
    /** Always false: one device. */
    synchronized: false;
    /** Always false: Strata does not do batch renormalization. */
    renorm: false;
    /** Always null (batch renormalization's clipping). */
    renorm_clipping: null;
    /** Always 0.99, Keras's default (batch renormalization's momentum). */
    renorm_momentum: number;
  };
/**
 * Keras's BatchNormalization. In training (and when trainable) it normalizes
 * with the batch's mean and biased variance and moves the moving statistics:
 * `moving = moving * momentum + batch * (1 - momentum)`. In inference it
 * normalizes with the moving statistics.
 */
export class BatchNormalization extends Layer {
  static override className = 'BatchNormalization';
  readonly axis: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly movingMeanInitializer: Initializer;
  readonly movingVarianceInitializer: Initializer;
  /** gamma and beta's arguments (`center`, `scale`, their initializers, regularizers and constraints). */
  readonly scaleAndCenter: ScaleAndCenter;
  gamma?: LayerVariable;
  beta?: LayerVariable;
  movingMean?: LayerVariable;
  movingVariance?: LayerVariable;

  constructor(args: BatchNormalizationArgs = {}) {
    super(args);
    this.symbolicCallKwargs = { mask: null };
    if (args.synchronized) {
      throw new Error('Argument synchronized=True is only supported with the TensorFlow backend.');
    }
    this.axis = args.axis ?? -1;
    this.momentum = args.momentum ?? 0.99;
    this.epsilon = args.epsilon ?? 1e-3;
    this.movingMeanInitializer = getInitializer(args.movingMeanInitializer ?? 'zeros');
    this.movingVarianceInitializer = getInitializer(args.movingVarianceInitializer ?? 'ones');
    this.scaleAndCenter = new ScaleAndCenter(args);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const axis = resolveAxis(this.axis, inputShape.length, this.name);
    const size = inputShape[axis];
    if (size === null) throw new Error(`Layer "${this.name}" needs a known size on axis ${this.axis} to build.`);
    // Keras creates gamma, beta, moving_mean, moving_variance in this order: weight files depend on it.
    ({ gamma: this.gamma, beta: this.beta } = this.scaleAndCenter.addWeights(this, [size]));
    this.movingMean = this.addWeight('moving_mean', { shape: [size], initializer: this.movingMeanInitializer, trainable: false });
    this.movingVariance = this.addWeight('moving_variance', {
      shape: [size],
      initializer: this.movingVarianceInitializer,
      trainable: false,
    });
    this.inputSpec = { ndim: inputShape.length, axes: { [this.axis]: size } };
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    const axis = resolveAxis(this.axis, input.rank, this.name);
    const reductionAxes = input.shape.map((_, i) => i).filter((i) => i !== axis);
    const along = (v: tf.Tensor) => broadcastAlong(v, [axis], input.shape);
    let mean: tf.Tensor;
    let variance: tf.Tensor;
    if (options.training && this.trainable) {
      [mean, variance] = this.batchMoments(input, reductionAxes, options.mask as tf.Tensor | null | undefined);
      const momentum = this.momentum;
      const movingMean = this.movingMean!;
      const movingVariance = this.movingVariance!;
      // The update is state, not part of the differentiated graph; tidy frees the temporaries.
      const nextMean = tf.tidy(() => tf.add(tf.mul(movingMean.read(), momentum), tf.mul(mean, 1 - momentum)));
      const nextVariance = tf.tidy(() => tf.add(tf.mul(movingVariance.read(), momentum), tf.mul(variance, 1 - momentum)));
      movingMean.assign(nextMean);
      movingVariance.assign(nextVariance);
      nextMean.dispose();
      nextVariance.dispose();
    } else {
      mean = this.movingMean!.read();
      variance = this.movingVariance!.read();
    }
    const gamma = this.gamma ? along(this.gamma.read()) : null;
    const beta = this.beta ? along(this.beta.read()) : null;
    return normalize(input, along(mean), along(variance), this.epsilon, gamma, beta);
  }

  /** Mean and biased variance over the reduction axes; masked positions (mask has one axis less) do not count. */
  private batchMoments(input: tf.Tensor, reductionAxes: number[], mask: tf.Tensor | null | undefined): [tf.Tensor, tf.Tensor] {
    if (!mask) {
      const { mean, variance } = tf.moments(input, reductionAxes);
      return [mean, variance];
    }
    if (mask.rank !== input.rank - 1) {
      throw new Error(
        `The mask provided should be one dimension less than the inputs. Received: mask.shape=${JSON.stringify(mask.shape)}, inputs.shape=${JSON.stringify(input.shape)}`,
      );
    }
    // Keras adds its backend epsilon (1e-7) to the weight sum, so an all-masked batch gives zeros, not NaN.
    const weights = tf.expandDims(tf.cast(mask, input.dtype), -1);
    const weightSum = tf.add(tf.sum(weights, reductionAxes, true), 1e-7);
    const weighted = tf.mul(weights, input);
    const mean = tf.div(tf.sum(weighted, reductionAxes, true), weightSum);
    const variance = tf.div(tf.sum(tf.mul(weights, tf.square(tf.sub(weighted, mean))), reductionAxes, true), weightSum);
    return [tf.reshape(mean, [-1]), tf.reshape(variance, [-1])];
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  override getConfig(): BatchNormalizationConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      axis: this.axis,
      momentum: this.momentum,
      epsilon: this.epsilon,
      ...this.scaleAndCenter.getConfig(),
      moving_mean_initializer: serializeInitializer(this.movingMeanInitializer),
      moving_variance_initializer: serializeInitializer(this.movingVarianceInitializer),
      synchronized: false,
      // Keras 3.15 writes its (unsupported here) batch renormalization settings at their defaults.
      renorm: false,
      renorm_clipping: null,
      renorm_momentum: 0.99,
    };
  }

  static fromConfig(config: Record<string, unknown>): BatchNormalization {
    if (config.renorm) throw new Error('BatchNormalization with renorm=True is not supported.');
    return new BatchNormalization({
      ...layerArgsFromConfig(config),
      axis: config.axis as number,
      momentum: config.momentum as number,
      epsilon: config.epsilon as number,
      ...ScaleAndCenter.argsFromConfig(config),
      movingMeanInitializer: config.moving_mean_initializer as InitializerIdentifier,
      movingVarianceInitializer: config.moving_variance_initializer as InitializerIdentifier,
      synchronized: config.synchronized as boolean,
    });
  }
}
