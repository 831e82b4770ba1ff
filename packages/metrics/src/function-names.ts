/**
 * The Keras name of each metric function Strata exports, so that
 * `metrics: [sparseCategoricalAccuracy]` logs `sparse_categorical_accuracy`
 * in History, the progress bar and a saved compile config, as Keras does for
 * `metrics=[keras.metrics.sparse_categorical_accuracy]` (Keras names a
 * function after its Python `__name__`; ours are camelCase, Keras's are not).
 * Loss functions used as metrics take their Keras loss names.
 */
import { lossFunctionName } from '@strata/losses';
import {
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './accuracy';
import { concordanceCorrelation, pearsonCorrelation } from './correlation-metrics';
import { cosineSimilarityMetric } from './regression-metrics';

const NAMES = new Map<unknown, string>([
  [accuracy, 'accuracy'],
  [binaryAccuracy, 'binary_accuracy'],
  [categoricalAccuracy, 'categorical_accuracy'],
  [sparseCategoricalAccuracy, 'sparse_categorical_accuracy'],
  [topKCategoricalAccuracy, 'top_k_categorical_accuracy'],
  [sparseTopKCategoricalAccuracy, 'sparse_top_k_categorical_accuracy'],
  [pearsonCorrelation, 'pearson_correlation'],
  [concordanceCorrelation, 'concordance_correlation'],
  [cosineSimilarityMetric, 'cosine_similarity'],
]);

/** The Keras name of one of Strata's metric or loss functions, or undefined for any other function. */
export function knownMetricFunctionName(fn: unknown): string | undefined {
  return NAMES.get(fn) ?? lossFunctionName(fn);
}

/** The name Keras logs a function metric under: its Keras name if Strata's own, else the function's name. */
export function metricFunctionName(fn: (...args: never[]) => unknown): string {
  return knownMetricFunctionName(fn) ?? (fn.name || 'mean_metric_wrapper');
}
