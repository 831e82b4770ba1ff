export { Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm } from './constraints';
export type { MaxNormArgs, MinMaxNormArgs, UnitNormArgs } from './constraints';
export { getConstraint, serializeConstraint } from './registry';
export type { ConstraintIdentifier } from './registry';
