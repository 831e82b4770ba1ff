import type * as tf from '@tensorflow/tfjs-core';

/**
 * Values reported to callbacks, by name (`loss`, `accuracy`, `val_loss`...).
 * At batch level the fit loop may define the values as lazy getters that read
 * the device, so a callback reads only the keys it needs (`Object.keys` is
 * free, reading a value may synchronise with the device).
 */
export type Logs = Record<string, number>;

/** What a callback sees of the optimizer (`@strata/optimizers` implements it). */
export interface CallbackOptimizer {
  learningRate: number;
  readonly name?: string;
  /** Whether it keeps a moving average of the weights (Keras's `use_ema`). */
  readonly useEma?: boolean;
  /** Each trained variable with its moving average; empty without `useEma` or before the first step. */
  movingAverageVariables?(): ReadonlyArray<{ variable: tf.Variable; average: tf.Variable }>;
  /** A MultiOptimizer's optimizers, one per group of variables. */
  readonly optimizers?: readonly CallbackOptimizer[];
  /** A LossScaleOptimizer's wrapped optimizer. */
  readonly innerOptimizer?: CallbackOptimizer;
}

/**
 * What a callback sees of the model. `@strata/models` implements it; this
 * package never imports the models package (see docs/DESIGN.md).
 */
export interface CallbackModel {
  /** Set to true to make the fit loop stop after the current batch/epoch. */
  stopTraining: boolean;
  /** The optimizer, when compiled; `learningRate` is read and written by schedulers. */
  readonly optimizer?: CallbackOptimizer;
  /** Copies of the weights, in a stable order; the caller disposes them. */
  getWeights(): tf.Tensor[];
  /** Assigns the values; the caller keeps (and later disposes) the tensors it passes. */
  setWeights(weights: tf.Tensor[]): void;
  /** Names of the weights, in `getWeights` order (`dense/kernel`); TensorBoard's histogram tags use them. */
  weightNames?(): string[];
  /** Saves the full model, format by extension (`.keras`, `.h5`); atomic on its own. */
  save(path: string, options?: { overwrite?: boolean }): Promise<void>;
  /** Saves the weights only (`.weights.h5`); atomic on its own. */
  saveWeights(path: string, options?: { overwrite?: boolean }): Promise<void>;
  /** Keras's model config (snake_case), used by TensorBoard's `writeGraph`. */
  getConfig?(): unknown;
  /** Keras's class name of the model (`Sequential`, `Functional`). */
  readonly className?: string;
  /** The weights, in `getWeights` order, with Keras's paths (`sequential/dense/kernel`): TensorBoard's histogram tags. */
  readonly weights?: ReadonlyArray<{ readonly path: string }>;
  /** The model's layers (TensorBoard finds the Embedding layers for the projector). */
  readonly layers?: ReadonlyArray<{ readonly name: string; readonly className: string }>;
  /** Copies of the optimizer's state (iterations, slots); the caller disposes them. */
  optimizerState?(): tf.Tensor[];
  setOptimizerState?(values: tf.Tensor[]): void;
}

/**
 * A callback that can restore training state before training starts
 * (`BackupAndRestore`); `CallbackList.restore` calls it.
 */
export interface RestoresTraining {
  /** Restores the state and returns the epoch to start from, or undefined when there is nothing to restore. */
  restore(model: CallbackModel): Promise<number | undefined>;
}

/** What the fit loop tells every callback before training starts. */
export interface CallbackParams {
  epochs: number;
  /** Batches per epoch, or null when the data's length is unknown. */
  steps: number | null;
  verbose: 0 | 1 | 2;
}

/** What a hook may return: the callback list awaits promises in order. */
export type HookResult = void | Promise<void>;

/**
 * Base class of every callback, with Keras 3's hooks in camelCase. Epochs and
 * batches are 0-based in hooks, as in Keras.
 */
export abstract class Callback {
  model!: CallbackModel;
  params!: CallbackParams;

  setModel(model: CallbackModel): void {
    this.model = model;
  }

  setParams(params: CallbackParams): void {
    this.params = params;
  }

  onTrainBegin(_logs?: Logs): HookResult {}
  onTrainEnd(_logs?: Logs): HookResult {}
  onEpochBegin(_epoch: number, _logs?: Logs): HookResult {}
  onEpochEnd(_epoch: number, _logs?: Logs): HookResult {}
  onTrainBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  onTrainBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  onTestBegin(_logs?: Logs): HookResult {}
  onTestEnd(_logs?: Logs): HookResult {}
  onTestBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  onTestBatchEnd(_batch: number, _logs?: Logs): HookResult {}
  onPredictBegin(_logs?: Logs): HookResult {}
  onPredictEnd(_logs?: Logs): HookResult {}
  onPredictBatchBegin(_batch: number, _logs?: Logs): HookResult {}
  onPredictBatchEnd(_batch: number, _logs?: Logs): HookResult {}
}
