import type { SparseLabelCheckAttrs } from '@strata/backend';
import { checkNoSnakeCaseKeys } from '@strata/ops/options';
import * as tf from '@tensorflow/tfjs-core';
import { type Reduction, reduceWeightedValues, squeezeOrExpandToSameRank, standardizeReduction } from './reduction';

/** A per-sample loss function, like `keras.losses.mean_squared_error`. */
export type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;

export interface LossOptions {
  /** The loss's name, shown in logs and saved in its config. Default: the snake_case class name (`"categorical_crossentropy"`...). */
  name?: string;
  /** Keras's `None` is accepted and means 'none'. */
  reduction?: Reduction | null;
}

/** What a loss's `call` produces before reduction; `mask` marks valid entries (Keras's `_keras_mask`). */
export interface MaskedLoss {
  values: tf.Tensor;
  mask?: tf.Tensor;
}

/** The Keras `Loss` base class: `call` gives per-sample values, `compute` weights and reduces them. */
export abstract class Loss {
  readonly name: string;
  readonly reduction: Reduction;
  /** Keras's class name, written to configs as `class_name`. Subclasses set their own, as layers do. */
  static className = 'Loss';
  /** The class's `static className`: one convention for layers, losses, metrics, optimizers and schedules. */
  get className(): string {
    return (this.constructor as typeof Loss).className;
  }

  constructor(options: LossOptions, defaultName: string) {
    // Subclasses add their own options, so the base refuses what is never right: Keras's snake_case keys (`from_logits`).
    checkNoSnakeCaseKeys(this.constructor.name, options);
    this.name = options.name ?? defaultName;
    this.reduction = standardizeReduction(options.reduction);
  }

  /** Unreduced per-sample loss (Keras's `call`). */
  abstract call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor;

  /** Like `call`, and also the mask of valid entries when the loss ignores some (sparse CE's `ignoreClass`). */
  callWithMask(yTrue: tf.Tensor, yPred: tf.Tensor): MaskedLoss {
    return { values: this.call(yTrue, yPred) };
  }

  /**
   * Weighted and reduced, as Keras's `Loss.__call__(y_true, y_pred, sample_weight)`.
   * Creates intermediate tensors: call it inside the caller's `tf.tidy`.
   */
  compute(yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight?: tf.Tensor): tf.Tensor {
    // Keras converts both arguments to the loss dtype (float32) before `call`.
    const { values, mask } = this.callWithMask(tf.cast(yTrue, 'float32'), tf.cast(yPred, 'float32'));
    return reduceWeightedValues(values, this.reduction, sampleWeight, mask);
  }

  /**
   * The value of `compute(yTrue, yPred, sampleWeight)` as one fused op of
   * @strata/backend, with its gradient, when this loss has one for these
   * options and tensors on the active backend; null otherwise (the default),
   * and the caller uses `compute`. The trainer asks every loss, so each loss
   * chooses its own fused op. Call it inside the caller's `tf.tidy`.
   */
  computeFused(_yTrue: tf.Tensor, _yPred: tf.Tensor, _sampleWeight?: tf.Tensor | null): tf.Scalar | null {
    return null;
  }

  /**
   * Whether the labels are integer class ids, which the trainer then checks
   * on the device with `classLabelCheck`. False by default; the trainer asks
   * every loss, so it never needs to know a loss's class.
   */
  get takesClassIds(): boolean {
    return false;
  }

  /**
   * For a loss that takes class ids: what the range check of the labels needs
   * for predictions `yPred` (the class count, the ignored class); null for
   * the others.
   */
  classLabelCheck(_yPred: tf.Tensor): SparseLabelCheckAttrs | null {
    return null;
  }

  getConfig(): Record<string, unknown> {
    return { name: this.name, reduction: this.reduction };
  }
}

/**
 * Keras's `LossFunctionWrapper`: a loss class around a per-sample function.
 * Like Keras, it first squeezes or expands the last dimension so that the two
 * ranks match (labels of shape [batch] against predictions of shape [batch, 1]).
 */
export class LossFunctionWrapper extends Loss {
  static override className = 'LossFunctionWrapper';
  readonly fn: LossFunction;

  constructor(fn: LossFunction, options: LossOptions = {}) {
    super(options, options.name ?? (fn.name || 'loss'));
    this.fn = fn;
  }

  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.fn(...squeezeOrExpandToSameRank(yTrue, yPred)));
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), fn: this.fn.name || null };
  }
}
