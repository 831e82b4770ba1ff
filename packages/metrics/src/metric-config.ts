import { SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision } from './at-threshold-metrics';
import { Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy, SparseTopKCategoricalAccuracy, TopKCategoricalAccuracy } from './accuracy';
import { AUC } from './auc';
import { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion-counts';
import { ConcordanceCorrelation, PearsonCorrelation } from './correlation-metrics';
import { F1Score, FBetaScore } from './f-score';
import { BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU } from './iou-metrics';
import type { Metric } from './metric';
import { Precision, Recall } from './precision-recall';
import {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  CategoricalHinge,
  Hinge,
  KLDivergence,
  Poisson,
  SparseCategoricalCrossentropy,
  SquaredHinge,
} from './probabilistic-metrics';
import { R2Score } from './r2-score';
import { Mean, Sum } from './reduction-metrics';
import {
  CosineSimilarity,
  LogCoshError,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
  RootMeanSquaredError,
} from './regression-metrics';

type Options = Record<string, any>;
type ConfigFactory = (options: Options) => Metric;

function snakeToCamel(text: string): string {
  return text.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** What a required constructor argument is called in Keras's config, and that it was given. */
function required(options: Options, key: string, className: string): any {
  if (options[key] === undefined || options[key] === null) {
    throw new TypeError(`Cannot build metric ${className} from its config: the config has no \`${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}\`.`);
  }
  return options[key];
}

/** Keras metric class names to constructors from a Keras config (camelCase options). */
const CONFIG_FACTORIES: Readonly<Record<string, ConfigFactory>> = {
  Accuracy: (o) => new Accuracy(o),
  BinaryAccuracy: (o) => new BinaryAccuracy(o),
  CategoricalAccuracy: (o) => new CategoricalAccuracy(o),
  SparseCategoricalAccuracy: (o) => new SparseCategoricalAccuracy(o),
  TopKCategoricalAccuracy: (o) => new TopKCategoricalAccuracy(o),
  SparseTopKCategoricalAccuracy: (o) => new SparseTopKCategoricalAccuracy(o),
  Precision: (o) => new Precision(o),
  Recall: (o) => new Recall(o),
  AUC: (o) => new AUC(o),
  Mean: (o) => new Mean(o),
  Sum: (o) => new Sum(o),
  MeanSquaredError: (o) => new MeanSquaredError(o),
  MeanAbsoluteError: (o) => new MeanAbsoluteError(o),
  RootMeanSquaredError: (o) => new RootMeanSquaredError(o),
  MeanAbsolutePercentageError: (o) => new MeanAbsolutePercentageError(o),
  MeanSquaredLogarithmicError: (o) => new MeanSquaredLogarithmicError(o),
  LogCoshError: (o) => new LogCoshError(o),
  CosineSimilarity: (o) => new CosineSimilarity(o),
  BinaryCrossentropy: (o) => new BinaryCrossentropy(o),
  CategoricalCrossentropy: (o) => new CategoricalCrossentropy(o),
  SparseCategoricalCrossentropy: (o) => new SparseCategoricalCrossentropy(o),
  KLDivergence: (o) => new KLDivergence(o),
  Poisson: (o) => new Poisson(o),
  Hinge: (o) => new Hinge(o),
  SquaredHinge: (o) => new SquaredHinge(o),
  CategoricalHinge: (o) => new CategoricalHinge(o),
  TruePositives: (o) => new TruePositives(o),
  FalsePositives: (o) => new FalsePositives(o),
  TrueNegatives: (o) => new TrueNegatives(o),
  FalseNegatives: (o) => new FalseNegatives(o),
  SensitivityAtSpecificity: (o) => new SensitivityAtSpecificity(required(o, 'specificity', 'SensitivityAtSpecificity'), o),
  SpecificityAtSensitivity: (o) => new SpecificityAtSensitivity(required(o, 'sensitivity', 'SpecificityAtSensitivity'), o),
  PrecisionAtRecall: (o) => new PrecisionAtRecall(required(o, 'recall', 'PrecisionAtRecall'), o),
  RecallAtPrecision: (o) => new RecallAtPrecision(required(o, 'precision', 'RecallAtPrecision'), o),
  PearsonCorrelation: (o) => new PearsonCorrelation(o),
  ConcordanceCorrelation: (o) => new ConcordanceCorrelation(o),
  R2Score: (o) => new R2Score(o),
  F1Score: (o) => new F1Score(o),
  FBetaScore: (o) => new FBetaScore(o),
  IoU: (o) => new IoU(required(o, 'numClasses', 'IoU'), required(o, 'targetClassIds', 'IoU'), o),
  MeanIoU: (o) => new MeanIoU(required(o, 'numClasses', 'MeanIoU'), o),
  BinaryIoU: (o) => new BinaryIoU(o),
  OneHotIoU: (o) => new OneHotIoU(required(o, 'numClasses', 'OneHotIoU'), required(o, 'targetClassIds', 'OneHotIoU'), o),
  OneHotMeanIoU: (o) => new OneHotMeanIoU(required(o, 'numClasses', 'OneHotMeanIoU'), o),
};

/** Every metric class `deserializeMetric` builds, by Keras class name. */
export const METRIC_CLASS_NAMES: readonly string[] = Object.keys(CONFIG_FACTORIES);

/**
 * Keras 3's `keras.metrics.deserialize` for the built-in metric classes: `{class_name, config}` (with or without
 * `module`), the config in Keras's snake_case. An unknown class is refused by name.
 */
export function deserializeMetric(serialized: { class_name?: unknown; config?: unknown }): Metric {
  const className = serialized?.class_name;
  if (typeof className !== 'string' || !Object.hasOwn(CONFIG_FACTORIES, className)) {
    throw new TypeError(`Cannot deserialize metric class ${JSON.stringify(className)}: it is not a built-in Keras metric (known: ${METRIC_CLASS_NAMES.join(', ')}).`);
  }
  const options: Options = {};
  const config = (serialized.config ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(config)) {
    if (key !== 'dtype' || className.includes('IoU')) options[snakeToCamel(key)] = value;
  }
  return CONFIG_FACTORIES[className](options);
}

/** Keras 3's serialized form of a built-in metric. */
export function serializeMetric(metric: Metric): { module: string; class_name: string; config: Record<string, unknown>; registered_name: null } {
  return { module: 'keras.metrics', class_name: metric.className, config: metric.getConfig(), registered_name: null };
}
