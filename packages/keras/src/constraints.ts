/** Keras's `keras.constraints`: the classes, Keras's lowercase aliases (`maxNorm` is `MaxNorm`), and `get`/`serialize`/`deserialize`. */
export {
  Constraint,
  MaxNorm,
  MaxNorm as maxNorm,
  MinMaxNorm,
  MinMaxNorm as minMaxNorm,
  NonNeg,
  NonNeg as nonNeg,
  UnitNorm,
  UnitNorm as unitNorm,
  getConstraint as get,
  getConstraint as deserialize,
  serializeConstraint as serialize,
} from '@strata/layers';
export type { ConstraintIdentifier, MaxNormArgs, MinMaxNormArgs, UnitNormArgs } from '@strata/layers';
