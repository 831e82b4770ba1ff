import {
  binaryCrossentropy,
  categoricalCrossentropy,
  categoricalHinge,
  hinge,
  klDivergence,
  poisson,
  sparseCategoricalCrossentropy,
  squaredHinge,
} from '@strata/losses';
import type * as tf from '@tensorflow/tfjs-core';
import { MeanMetricWrapper } from './mean-metric-wrapper';
import type { MetricOptions } from './metric';

/** Keras's metric classes that average a loss function per sample, with the loss's own options in their config. */
export interface CrossentropyMetricOptions extends MetricOptions {
  /** Whether the predictions are logits rather than probabilities. Default false. */
  fromLogits?: boolean;
  /** Smoothing of the labels toward uniform, in [0, 1]. Default 0. */
  labelSmoothing?: number;
}

export class BinaryCrossentropy extends MeanMetricWrapper {
  static override className = 'BinaryCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;

  constructor(options: CrossentropyMetricOptions = {}) {
    const fromLogits = options.fromLogits ?? false;
    const labelSmoothing = options.labelSmoothing ?? 0;
    super((yTrue: tf.Tensor, yPred: tf.Tensor) => binaryCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing }), options, 'binary_crossentropy');
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', from_logits: this.fromLogits, label_smoothing: this.labelSmoothing };
  }
}

export class CategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'CategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly labelSmoothing: number;
  readonly axis: number;

  constructor(options: CrossentropyMetricOptions & {
    /** The class axis. Default `-1`. */
    axis?: number;
  } = {}) {
    const fromLogits = options.fromLogits ?? false;
    const labelSmoothing = options.labelSmoothing ?? 0;
    const axis = options.axis ?? -1;
    super((yTrue: tf.Tensor, yPred: tf.Tensor) => categoricalCrossentropy(yTrue, yPred, { fromLogits, labelSmoothing, axis }), options, 'categorical_crossentropy');
    this.fromLogits = fromLogits;
    this.labelSmoothing = labelSmoothing;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', from_logits: this.fromLogits, label_smoothing: this.labelSmoothing, axis: this.axis };
  }
}

export class SparseCategoricalCrossentropy extends MeanMetricWrapper {
  static override className = 'SparseCategoricalCrossentropy';
  readonly fromLogits: boolean;
  readonly axis: number;

  readonly ignoreClass: number | null;

  constructor(options: MetricOptions & {
    /** Whether `yPred` holds logits rather than probabilities. Default `false`. */
    fromLogits?: boolean;
    /** A label value whose samples are left out of the mean (a padding label), or `null`. Default `null`. */
    ignoreClass?: number | null;
    /** The class axis. Default `-1`. */
    axis?: number;
  } = {}) {
    const fromLogits = options.fromLogits ?? false;
    const ignoreClass = options.ignoreClass ?? null;
    const axis = options.axis ?? -1;
    super(
      (yTrue: tf.Tensor, yPred: tf.Tensor) => sparseCategoricalCrossentropy(yTrue, yPred, { fromLogits, ignoreClass, axis }),
      options,
      'sparse_categorical_crossentropy',
    );
    this.fromLogits = fromLogits;
    this.ignoreClass = ignoreClass;
    this.axis = axis;
  }

  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32', from_logits: this.fromLogits, ignore_class: this.ignoreClass, axis: this.axis };
  }
}

/** A metric class around a per-sample loss function whose config is only its name and dtype. */
export abstract class PlainMetricWrapper extends MeanMetricWrapper {
  override getConfig(): Record<string, unknown> {
    return { name: this.name, dtype: 'float32' };
  }
}

export class KLDivergence extends PlainMetricWrapper {
  static override className = 'KLDivergence';
  constructor(options: MetricOptions = {}) {
    super(klDivergence, options, 'kl_divergence');
  }
}

export class Poisson extends PlainMetricWrapper {
  static override className = 'Poisson';
  constructor(options: MetricOptions = {}) {
    super(poisson, options, 'poisson');
  }
}

export class Hinge extends PlainMetricWrapper {
  static override className = 'Hinge';
  constructor(options: MetricOptions = {}) {
    super(hinge, options, 'hinge');
  }
}

export class SquaredHinge extends PlainMetricWrapper {
  static override className = 'SquaredHinge';
  constructor(options: MetricOptions = {}) {
    super(squaredHinge, options, 'squared_hinge');
  }
}

export class CategoricalHinge extends PlainMetricWrapper {
  static override className = 'CategoricalHinge';
  constructor(options: MetricOptions = {}) {
    super(categoricalHinge, options, 'categorical_hinge');
  }
}
