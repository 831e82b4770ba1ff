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
export type { AccuracyKind, GetMetricContext } from './registry';
