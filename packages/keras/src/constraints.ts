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
import type { ConstraintIdentifier as BaseConstraintIdentifier, MaxNormArgs as BaseMaxNormArgs, MinMaxNormArgs as BaseMinMaxNormArgs, UnitNormArgs as BaseUnitNormArgs } from '@strata/layers';
export type ConstraintIdentifier = BaseConstraintIdentifier;
export type MaxNormArgs = BaseMaxNormArgs;
export type MinMaxNormArgs = BaseMinMaxNormArgs;
export type UnitNormArgs = BaseUnitNormArgs;
