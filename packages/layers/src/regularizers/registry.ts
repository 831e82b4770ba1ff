/** `getRegularizer` and `serializeRegularizer`: Keras's `regularizers.get` and `serialize`. */
import { type KerasSerialized, resolveByClassName, serializeKerasObject } from '../serialization';
import { L1, L1L2, L2, OrthogonalRegularizer, type OrthogonalRegularizerArgs, type Regularizer } from './regularizers';

export type RegularizerIdentifier = string | Regularizer | KerasSerialized | null | undefined;

type Config = Record<string, unknown>;

const factories: Record<string, (config: Config) => Regularizer> = {
  L1: (config) => new L1(config.l1 as number | undefined),
  L2: (config) => new L2(config.l2 as number | undefined),
  L1L2: (config) => new L1L2({ l1: config.l1 as number | undefined, l2: config.l2 as number | undefined }),
  OrthogonalRegularizer: (config) =>
    new OrthogonalRegularizer({
      factor: config.factor as number | undefined,
      mode: config.mode as OrthogonalRegularizerArgs['mode'],
    }),
};

/**
 * Resolves a regularizer identifier as `keras.regularizers.get`: a
 * regularizer (returned as is), a name, or a serialized dict (Keras 3's form
 * or the legacy `{class_name, config}`). null and undefined give null.
 */
export function getRegularizer(identifier: string | Regularizer | KerasSerialized): Regularizer;
export function getRegularizer(identifier: RegularizerIdentifier): Regularizer | null;
export function getRegularizer(identifier: RegularizerIdentifier): Regularizer | null {
  if (identifier === null || identifier === undefined) return null;
  if (typeof identifier === 'object' && 'call' in identifier && typeof identifier.call === 'function') {
    return identifier as Regularizer;
  }
  return resolveByClassName('regularizer', identifier as string | KerasSerialized, factories);
}

/** Keras 3's serialized form of `regularizer`. */
export function serializeRegularizer(regularizer: Regularizer): KerasSerialized {
  return serializeKerasObject('keras.regularizers', regularizer);
}
