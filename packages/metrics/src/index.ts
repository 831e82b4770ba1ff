/**
 * Keras's streaming, stateful metrics (`updateState` / `result` / `resetState`).
 *
 * @module @strata/metrics
 */
export { Metric } from './metric';
export type { MetricOptions } from './metric';
export { Mean, Sum, accumulateMean, reduceToSamplewiseValues } from './reduction-metrics';
export { MeanMetricWrapper } from './mean-metric-wrapper';
export type { MetricFunction } from './mean-metric-wrapper';
export {
  Accuracy,
  BinaryAccuracy,
  CategoricalAccuracy,
  SparseCategoricalAccuracy,
  SparseTopKCategoricalAccuracy,
  TopKCategoricalAccuracy,
  accuracy,
  binaryAccuracy,
  categoricalAccuracy,
  sparseCategoricalAccuracy,
  sparseTopKCategoricalAccuracy,
  topKCategoricalAccuracy,
} from './accuracy';
export { MeanAbsoluteError, MeanSquaredError, RootMeanSquaredError } from './regression-metrics';
export { Precision, Recall } from './precision-recall';
export type { PrecisionRecallOptions } from './precision-recall';
export { AUC } from './auc';
export type { AUCCurve, AUCOptions, AUCSummationMethod } from './auc';
export { NEG_INF, updateConfusionMatrix, updateConfusionMatrixBuckets } from './confusion-matrix';
export { getMetric, resolveAccuracy } from './registry';
export { knownMetricFunctionName, metricFunctionName } from './function-names';
export type { AccuracyKind, GetMetricContext } from './registry';
export {
  BinaryCrossentropy,
  CategoricalCrossentropy,
  CategoricalHinge,
  Hinge,
  KLDivergence,
  Poisson,
  SparseCategoricalCrossentropy,
  SquaredHinge,
} from './probabilistic-metrics';
export type { CrossentropyMetricOptions } from './probabilistic-metrics';
export { CosineSimilarity, LogCoshError, MeanAbsolutePercentageError, MeanSquaredLogarithmicError, cosineSimilarityMetric } from './regression-metrics';
export { FalseNegatives, FalsePositives, TrueNegatives, TruePositives } from './confusion-counts';
export type { ConfusionCountOptions } from './confusion-counts';
export { PrecisionAtRecall, RecallAtPrecision, SensitivityAtSpecificity, SpecificityAtSensitivity } from './at-threshold-metrics';
export type { AtThresholdOptions } from './at-threshold-metrics';
export { ConcordanceCorrelation, PearsonCorrelation, concordanceCorrelation, pearsonCorrelation } from './correlation-metrics';
export { R2Score } from './r2-score';
export type { R2ClassAggregation, R2ScoreOptions } from './r2-score';
export { F1Score, FBetaScore } from './f-score';
export type { FBetaScoreOptions, FScoreAverage } from './f-score';
export { BinaryIoU, IoU, MeanIoU, OneHotIoU, OneHotMeanIoU } from './iou-metrics';
export type { IoUDtype, IoUOptions } from './iou-metrics';
export { METRIC_CLASS_NAMES, deserializeMetric, serializeMetric } from './metric-config';
