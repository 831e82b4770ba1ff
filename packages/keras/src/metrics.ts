/**
 * Keras's `keras.metrics`: @strata/metrics, Keras's `get`/`serialize`/`deserialize`,
 * and the loss functions Keras also lists as metrics (`keras.metrics.mean_squared_error`
 * is `keras.losses.mean_squared_error`).
 */
export * from '@strata/metrics';
export { deserializeMetric as deserialize, getMetric as get, serializeMetric as serialize } from '@strata/metrics';
export {
  binaryCrossentropy,
  binaryFocalCrossentropy,
  categoricalCrossentropy,
  categoricalFocalCrossentropy,
  categoricalHinge,
  hinge,
  huber,
  klDivergence,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
  poisson,
  sparseCategoricalCrossentropy,
  squaredHinge,
} from '@strata/losses';
