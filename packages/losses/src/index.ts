/**
 * Keras's loss functions and classes, with Keras's reductions, `fromLogits` and label smoothing.
 *
 * @module @strata/losses
 */
export { Loss, LossFunctionWrapper } from './loss';
export type { LossFunction, LossOptions, MaskedLoss } from './loss';
export type { Reduction } from './reduction';
export { applyMask, divideNoNan, reduceValues, reduceWeightedValues, squeezeOrExpandToSameRank, standardizeReduction } from './reduction';
export { EPSILON } from './errors';
export {
  CategoricalCrossentropy,
  SparseCategoricalCrossentropy,
  categoricalCrossentropy,
  sparseCategoricalCrossentropy,
} from './categorical';
export type { CategoricalCrossentropyOptions, SparseCategoricalCrossentropyOptions } from './categorical';
export { CategoricalFocalCrossentropy, categoricalFocalCrossentropy } from './categorical-focal';
export type { CategoricalFocalCrossentropyOptions } from './categorical-focal';
export { BinaryCrossentropy, BinaryFocalCrossentropy, binaryCrossentropy, binaryFocalCrossentropy } from './binary';
export type { BinaryCrossentropyOptions, BinaryFocalCrossentropyOptions } from './binary';
export {
  CosineSimilarity,
  Huber,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
  cosineSimilarity,
  huber,
  logCosh,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  meanSquaredLogarithmicError,
} from './regression';
export { CategoricalHinge, Hinge, SquaredHinge, categoricalHinge, hinge, squaredHinge } from './hinge';
export { KLDivergence, Poisson, klDivergence, poisson } from './probabilistic';
export { LOSS_IDENTIFIERS, deserializeLoss, getLoss, serializeLoss } from './registry';
export { lossFunctionName } from './function-names';
export type { SerializedLoss } from './registry';
export { Dice, Tversky, dice, tversky } from './overlap';
export type { OverlapAxis, TverskyOptions } from './overlap';
export { Circle, circle } from './circle';
export type { CircleFunctionOptions, CircleOptions } from './circle';
export { CategoricalGeneralizedCrossEntropy, categoricalGeneralizedCrossEntropy } from './generalized-crossentropy';
export type { CategoricalGeneralizedCrossEntropyOptions } from './generalized-crossentropy';
export { CTC, ctc } from './ctc';
