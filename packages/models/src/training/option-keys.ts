/**
 * The option keys of compile, fit, evaluate and predict, checked by the
 * shared checker (`@strata/ops/options`): a Keras snake_case key
 * (`batch_size`) or a misspelt one is an error naming the key meant, never a
 * silent default.
 */
import { checkOptionKeys } from '@strata/ops/options';

export const COMPILE_OPTION_KEYS = ['optimizer', 'loss', 'metrics', 'lossWeights'] as const;
export const FIT_OPTION_KEYS = [
  'epochs', 'batchSize', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize', 'validationFreq', 'seed',
] as const;
export const EVALUATE_OPTION_KEYS = ['batchSize', 'verbose', 'sampleWeight', 'steps', 'callbacks', 'returnDict'] as const;
export const PREDICT_OPTION_KEYS = ['batchSize', 'verbose', 'steps', 'callbacks'] as const;

export function checkCompileOptions(args: object | undefined): void {
  checkOptionKeys('compile()', args, COMPILE_OPTION_KEYS);
}

export function checkFitOptions(args: object | undefined): void {
  checkOptionKeys('fit()', args, FIT_OPTION_KEYS);
}

export function checkEvaluateOptions(args: object | undefined): void {
  checkOptionKeys('evaluate()', args, EVALUATE_OPTION_KEYS);
}

export function checkPredictOptions(args: object | undefined): void {
  checkOptionKeys('predict()', args, PREDICT_OPTION_KEYS);
}

/**
 * Whether an object in the place of targets is meant as options: one of its
 * keys is an option key, in Strata's spelling or Keras's (`batch_size`), so
 * `fit(x, { batch_size: 32 })` is checked as options instead of being read
 * as a dict of targets. Targets by output name never use these names.
 */
export function looksLikeOptions(value: object, known: readonly string[]): boolean {
  return Object.keys(value).some((key) => known.includes(key) || known.includes(key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase())));
}
