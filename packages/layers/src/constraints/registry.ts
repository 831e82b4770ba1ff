/** `getConstraint` and `serializeConstraint`: Keras's `constraints.get` and `serialize`. */
import { type KerasSerialized, resolveByClassName, serializeKerasObject } from '../serialization';
import { type Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm } from './constraints';

export type ConstraintIdentifier = string | Constraint | KerasSerialized | null | undefined;

type Config = Record<string, unknown>;
type Axis = number | number[];

const factories: Record<string, (config: Config) => Constraint> = {
  MaxNorm: (config) => new MaxNorm({ maxValue: config.max_value as number | undefined, axis: config.axis as Axis | undefined }),
  MinMaxNorm: (config) =>
    new MinMaxNorm({
      minValue: config.min_value as number | undefined,
      maxValue: config.max_value as number | undefined,
      rate: config.rate as number | undefined,
      axis: config.axis as Axis | undefined,
    }),
  NonNeg: () => new NonNeg(),
  UnitNorm: (config) => new UnitNorm({ axis: config.axis as Axis | undefined }),
};

/**
 * Resolves a constraint identifier as `keras.constraints.get`: a constraint
 * (returned as is), a name (the class with its defaults), or a serialized
 * dict (Keras 3's form or the legacy `{class_name, config}`). null and
 * undefined give null.
 */
export function getConstraint(identifier: string | Constraint | KerasSerialized): Constraint;
export function getConstraint(identifier: ConstraintIdentifier): Constraint | null;
export function getConstraint(identifier: ConstraintIdentifier): Constraint | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'object' && 'call' in identifier && typeof identifier.call === 'function') {
    return identifier as Constraint;
  }
  return resolveByClassName('constraint', identifier as string | KerasSerialized, factories);
}

/** Keras 3's serialized form of `constraint`. */
export function serializeConstraint(constraint: Constraint): KerasSerialized {
  return serializeKerasObject('keras.constraints', constraint);
}
