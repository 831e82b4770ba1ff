import { Loss, getLoss } from '@strata/losses';
import {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
} from './accuracy';
import { AUC } from './auc';
import { knownMetricFunctionName } from './function-names';
import { MeanMetricWrapper, type MetricFunction } from './mean-metric-wrapper';
import { Metric } from './metric';
import { METRIC_CLASS_NAMES, deserializeMetric } from './metric-config';
import { concordanceCorrelation, pearsonCorrelation } from './correlation-metrics';
import { cosineSimilarityMetric } from './regression-metrics';
import { Precision, Recall } from './precision-recall';
import { Mean, Sum } from './reduction-metrics';
import { MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError } from './regression-metrics';

type MetricFactory = (name: string | undefined) => Metric;

/** Keras metric class names to constructors; `name` undefined keeps the class's default name. */
const CLASS_FACTORIES: Record<string, MetricFactory> = {
  Accuracy: (name) => new Accuracy({ name }),
  BinaryAccuracy: (name) => new BinaryAccuracy({ name }),
  CategoricalAccuracy: (name) => new CategoricalAccuracy({ name }),
  SparseCategoricalAccuracy: (name) => new SparseCategoricalAccuracy({ name }),
  TopKCategoricalAccuracy: (name) => new TopKCategoricalAccuracy({ name }),
  SparseTopKCategoricalAccuracy: (name) => new SparseTopKCategoricalAccuracy({ name }),
  Precision: (name) => new Precision({ name }),
  Recall: (name) => new Recall({ name }),
  AUC: (name) => new AUC({ name }),
  Mean: (name) => new Mean({ name }),
  Sum: (name) => new Sum({ name }),
  MeanSquaredError: (name) => new MeanSquaredError({ name }),
  MeanAbsoluteError: (name) => new MeanAbsoluteError({ name }),
  RootMeanSquaredError: (name) => new RootMeanSquaredError({ name }),
};

/** Keras's snake_case names and legacy aliases (`keras.metrics.get`). */
const NAME_CLASSES: Record<string, string> = {
  binary_accuracy: 'BinaryAccuracy',
  categorical_accuracy: 'CategoricalAccuracy',
  sparse_categorical_accuracy: 'SparseCategoricalAccuracy',
  top_k_categorical_accuracy: 'TopKCategoricalAccuracy',
  sparse_top_k_categorical_accuracy: 'SparseTopKCategoricalAccuracy',
  precision: 'Precision',
  recall: 'Recall',
  auc: 'AUC',
  mean: 'Mean',
  sum: 'Sum',
  mean_squared_error: 'MeanSquaredError',
  mse: 'MeanSquaredError',
  MSE: 'MeanSquaredError',
  mean_absolute_error: 'MeanAbsoluteError',
  mae: 'MeanAbsoluteError',
  MAE: 'MeanAbsoluteError',
  root_mean_squared_error: 'RootMeanSquaredError',
};

export interface GetMetricContext {
  /** The compiled loss, used to choose an accuracy when the shapes are not known yet. */
  loss?: string | Loss | ((yTrue: never, yPred: never) => unknown);
  yTrueShape?: readonly (number | null)[];
  yPredShape?: readonly (number | null)[];
}

export type AccuracyKind = 'binary' | 'sparse_categorical' | 'categorical';

function lossName(loss: GetMetricContext['loss']): string {
  if (loss === undefined) return '';
  if (typeof loss === 'string') return loss.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  if (loss instanceof Loss) return `${loss.className} ${loss.name}`;
  return loss.name;
}

/**
 * Which accuracy 'accuracy'/'acc' means. With both shapes this is Keras 3's
 * `is_binary_or_sparse_categorical` (compile_utils): binary when the output's
 * last dimension is 1; sparse when the labels have a lower rank, or a last
 * dimension of 1 against several outputs; categorical otherwise. Before the
 * shapes are known, the loss decides, as tf.keras 2 did.
 */
export function resolveAccuracy({ loss, yTrueShape, yPredShape }: GetMetricContext = {}): AccuracyKind {
  const predLast = yPredShape?.[yPredShape.length - 1];
  if (yTrueShape && yPredShape) {
    const trueLast = yTrueShape[yTrueShape.length - 1];
    if (predLast === 1) return 'binary';
    const sparse = yTrueShape.length < yPredShape.length || (trueLast === 1 && predLast !== null && predLast !== undefined && predLast > 1);
    return sparse ? 'sparse_categorical' : 'categorical';
  }
  if (predLast === 1) return 'binary';
  const name = lossName(loss);
  if (/binary(_focal)?_crossentropy|BinaryCrossentropy|BinaryFocalCrossentropy|^bce$/i.test(name)) return 'binary';
  if (/sparse_categorical_crossentropy|SparseCategoricalCrossentropy/.test(name)) return 'sparse_categorical';
  return 'categorical';
}

function camelToSnake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Keras's metric functions that are not losses (`keras.metrics.pearson_correlation`...), averaged per batch. */
const METRIC_FUNCTIONS: Readonly<Record<string, MetricFunction>> = {
  pearson_correlation: (yTrue, yPred) => pearsonCorrelation(yTrue, yPred),
  concordance_correlation: (yTrue, yPred) => concordanceCorrelation(yTrue, yPred),
  cosine_similarity: (yTrue, yPred) => cosineSimilarityMetric(yTrue, yPred),
};

function metricFromString(identifier: string, name: string): Metric | undefined {
  // Own properties only: 'constructor' or 'toString' is not a metric.
  if (Object.hasOwn(CLASS_FACTORIES, identifier)) return CLASS_FACTORIES[identifier](name);
  const className = Object.hasOwn(NAME_CLASSES, identifier) ? NAME_CLASSES[identifier] : undefined;
  if (className) return CLASS_FACTORIES[className](name);
  if (Object.hasOwn(METRIC_FUNCTIONS, identifier)) return new MeanMetricWrapper(METRIC_FUNCTIONS[identifier], { name });
  // Any other built-in class whose constructor needs no argument ('F1Score', 'R2Score', 'TruePositives'...).
  if (METRIC_CLASS_NAMES.includes(identifier)) {
    try {
      return deserializeMetric({ class_name: identifier, config: name === identifier ? {} : { name } });
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Resolves a metric identifier the way Keras 3's `compile` does. A string
 * metric is named after the string the user gave ('acc' stays 'acc'); a
 * function or Loss is wrapped in a MeanMetricWrapper; a Metric is returned as
 * is. Loss names ('binary_crossentropy', 'kld', ...) track that loss per sample.
 */
export function getMetric(identifier: string | Metric | Loss | MetricFunction, context: GetMetricContext = {}): Metric {
  if (identifier instanceof Metric) return identifier;
  if (identifier instanceof Loss) return new MeanMetricWrapper(identifier);
  if (typeof identifier === 'function') {
    // Strata's own functions are the metric their Keras name gives ('accuracy' the plain Accuracy, as Keras's function is).
    const kerasName = knownMetricFunctionName(identifier);
    if (kerasName === undefined) return new MeanMetricWrapper(identifier);
    return metricFromString(kerasName, kerasName) ?? new MeanMetricWrapper(identifier, { name: kerasName });
  }
  if (['accuracy', 'acc'].includes(identifier.toLowerCase())) {
    const kind = resolveAccuracy(context);
    if (kind === 'binary') return new BinaryAccuracy({ name: identifier });
    if (kind === 'sparse_categorical') return new SparseCategoricalAccuracy({ name: identifier });
    return new CategoricalAccuracy({ name: identifier });
  }
  const metric = metricFromString(identifier, identifier) ?? metricFromString(camelToSnake(identifier), identifier);
  if (metric) return metric;
  let loss: Loss;
  try {
    loss = getLoss(identifier);
  } catch {
    throw new Error(
      `Could not interpret metric identifier '${identifier}'. Expected a Metric, a function, a loss name, or one of: ` +
        `accuracy, acc, ${Object.keys(NAME_CLASSES).join(', ')}.`,
    );
  }
  // Keras's loss-named metrics (metrics.BinaryCrossentropy and friends) average the per-sample loss.
  const perSample: MetricFunction = (yTrue, yPred) => loss.call(yTrue, yPred);
  return new MeanMetricWrapper(perSample, { name: identifier });
}
