/** `getRegularizer` and `serializeRegularizer`: Keras's `regularizers.get` and `serialize`. */
import { isKerasSerialized, type KerasSerialized } from '../serialization';
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
 * Names as Keras 3 registers them (class name and its snake_case: 'l1',
 * 'l2', 'l1l2', 'orthogonal_regularizer'), plus 'l1_l2' and camelCase forms.
 * A name builds the class with its defaults, so 'l1_l2' is L1L2(0, 0) as in
 * Keras 3.
 */
function resolveClassName(name: string): string | undefined {
  const key = name.replace(/_/g, '').toLowerCase();
  return Object.keys(factories).find((className) => className.toLowerCase() === key);
}

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
  const className =
    typeof identifier === 'string'
      ? resolveClassName(identifier)
      : isKerasSerialized(identifier)
        ? resolveClassName(identifier.class_name)
        : undefined;
  if (className === undefined) {
    const shown = typeof identifier === 'string' ? `'${identifier}'` : JSON.stringify(identifier);
    throw new Error(`Could not interpret regularizer identifier: ${shown}. Known regularizers: ${Object.keys(factories).join(', ')}.`);
  }
  const config = typeof identifier === 'string' ? {} : ((identifier as KerasSerialized).config ?? {});
  return factories[className](config as Config);
}

/** Keras 3's serialized form of `regularizer`. */
export function serializeRegularizer(regularizer: Regularizer): KerasSerialized {
  return {
    module: 'keras.regularizers',
    class_name: regularizer.className,
    config: regularizer.getConfig(),
    registered_name: null,
  };
}
