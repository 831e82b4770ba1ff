import * as tf from '@tensorflow/tfjs-core';
import { Callback, type CallbackOptimizer } from './callback';
import { checkOptionKeys } from '@strata/ops/options';

export interface SwapEMAWeightsOptions {
  /** Also swap at the end of each epoch (and back at the start of the next), so that callbacks after this one, such as `ModelCheckpoint`, see the EMA weights. Default `false`. */
  swapOnEpoch?: boolean;
}

/**
 * Keras's `SwapEMAWeights`: puts the optimizer's moving averages of the weights (`useEma: true`) into the model
 * for evaluation and prediction, and the trained weights back afterwards, swapping values in place.
 * With `swapOnEpoch` it swaps at each epoch's end too, and after the last epoch the averages take the EMA values
 * as well, so the model keeps them when `fit` finalizes the optimizer.
 *
 * One difference from Keras 3.15.1 on purpose: Keras's `on_predict_end` tests its flag the wrong way round and
 * leaves the EMA weights in the model after `predict`; this one swaps them back, as `onTestEnd` does.
 */
export class SwapEMAWeights extends Callback {
  readonly swapOnEpoch: boolean;
  private emaWeightsInModel = false;

  constructor(options: SwapEMAWeightsOptions = {}) {
    super();
    checkOptionKeys('SwapEMAWeights', options, ['swapOnEpoch']);
    this.swapOnEpoch = options.swapOnEpoch ?? false;
  }

  /** The optimizers that keep averages: the model's, a LossScaleOptimizer's inner one, or a MultiOptimizer's. */
  private emaOptimizers(): CallbackOptimizer[] {
    let optimizer = this.model.optimizer;
    if (optimizer?.innerOptimizer) optimizer = optimizer.innerOptimizer;
    if (optimizer?.optimizers) {
      const withEma = optimizer.optimizers.filter((inner) => inner.useEma === true);
      if (withEma.length === 0) {
        throw new Error(
          'SwapEMAWeights must be used when at least one inner optimizer has `useEma: true` set. Received a MultiOptimizer whose inner optimizers all have `useEma: false`.',
        );
      }
      return withEma;
    }
    if (!optimizer?.useEma || !optimizer.movingAverageVariables) {
      throw new Error(`SwapEMAWeights must be used when \`useEma: true\` is set on the optimizer. Received: useEma=${optimizer?.useEma ?? 'no optimizer'}.`);
    }
    return [optimizer];
  }

  private pairs(): Array<{ variable: tf.Variable; average: tf.Variable }> {
    return this.emaOptimizers().flatMap((optimizer) => [...(optimizer.movingAverageVariables?.() ?? [])]);
  }

  private swapVariables(): void {
    tf.tidy(() => {
      for (const { variable, average } of this.pairs()) {
        const weights = variable.clone();
        variable.assign(average);
        average.assign(weights);
      }
    });
  }

  /** Keras's `_finalize_ema_values`: the averages take the values now in the model. */
  private finalizeEmaValues(): void {
    for (const { variable, average } of this.pairs()) average.assign(variable);
  }

  override onEpochBegin(): void {
    if (this.swapOnEpoch && this.emaWeightsInModel) {
      this.swapVariables();
      this.emaWeightsInModel = false;
    }
  }

  override onEpochEnd(epoch: number): void {
    if (this.swapOnEpoch && !this.emaWeightsInModel) {
      this.swapVariables();
      this.emaWeightsInModel = true;
      if (epoch === this.params.epochs - 1) this.finalizeEmaValues();
    }
  }

  override onTestBegin(): void {
    this.swapIn();
  }

  override onTestEnd(): void {
    this.swapOut();
  }

  override onPredictBegin(): void {
    this.swapIn();
  }

  override onPredictEnd(): void {
    this.swapOut();
  }

  private swapIn(): void {
    if (!this.emaWeightsInModel) {
      this.swapVariables();
      this.emaWeightsInModel = true;
    }
  }

  private swapOut(): void {
    if (this.emaWeightsInModel) {
      this.swapVariables();
      this.emaWeightsInModel = false;
    }
  }
}
