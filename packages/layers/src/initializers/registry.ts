/**
 * `getInitializer` and `serializeInitializer`: Keras's `initializers.get` and
 * `serialize`, between identifiers (names, Keras 3 and legacy dicts) and
 * initializer objects.
 */
import { isKerasSerialized, type KerasSerialized } from '../serialization';
import { Constant, IdentityInitializer, Ones, Zeros } from './constant';
import type { Initializer } from './initializer';
import { Orthogonal, RandomNormal, RandomUniform, TruncatedNormal } from './random';
import { STFT, type STFTArgs } from './stft';
import {
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
  type VarianceScalingArgs,
} from './variance-scaling';

export type InitializerIdentifier = string | Initializer | KerasSerialized | null | undefined;

type Config = Record<string, unknown>;

const seedOf = (config: Config) => config.seed as number | null | undefined;
const axesOf = (config: Config) => ({
  seed: seedOf(config),
  inputAxes: config.input_axes as number[] | null | undefined,
  outputAxes: config.output_axes as number[] | null | undefined,
});

/** Builds each initializer from its Keras config (snake_case keys; unknown keys such as Keras 2's `dtype` are ignored). */
const factories: Record<string, (config: Config) => Initializer> = {
  Zeros: () => new Zeros(),
  Ones: () => new Ones(),
  Constant: (config) => new Constant((config.value as number | undefined) ?? 0),
  Identity: (config) => new IdentityInitializer({ gain: config.gain as number | undefined }),
  RandomNormal: (config) =>
    new RandomNormal({ mean: config.mean as number, stddev: config.stddev as number, seed: seedOf(config) }),
  TruncatedNormal: (config) =>
    new TruncatedNormal({ mean: config.mean as number, stddev: config.stddev as number, seed: seedOf(config) }),
  RandomUniform: (config) =>
    new RandomUniform({ minval: config.minval as number, maxval: config.maxval as number, seed: seedOf(config) }),
  Orthogonal: (config) => new Orthogonal({ gain: config.gain as number | undefined, seed: seedOf(config) }),
  VarianceScaling: (config) =>
    new VarianceScaling({
      ...axesOf(config),
      scale: config.scale as number | undefined,
      mode: config.mode as VarianceScalingArgs['mode'],
      distribution: config.distribution as VarianceScalingArgs['distribution'],
    }),
  GlorotUniform: (config) => new GlorotUniform(axesOf(config)),
  GlorotNormal: (config) => new GlorotNormal(axesOf(config)),
  HeUniform: (config) => new HeUniform(axesOf(config)),
  HeNormal: (config) => new HeNormal(axesOf(config)),
  LecunUniform: (config) => new LecunUniform(axesOf(config)),
  LecunNormal: (config) => new LecunNormal(axesOf(config)),
  STFT: (config) =>
    new STFT({
      side: config.side as STFTArgs['side'],
      window: config.window as STFTArgs['window'],
      scaling: config.scaling as STFTArgs['scaling'],
      periodic: config.periodic as boolean | undefined,
    }),
};

/** Keras's extra names (`initializers/__init__.py`), keyed like `lookupKey` writes them. */
const aliases: Record<string, string> = {
  uniform: 'RandomUniform',
  normal: 'RandomNormal',
  one: 'Ones',
  zero: 'Zeros',
  identityinitializer: 'Identity',
  orthogonalinitializer: 'Orthogonal',
  stftinitializer: 'STFT',
};

/** 'glorot_uniform', 'GlorotUniform' and 'glorotUniform' all become 'glorotuniform'. */
function lookupKey(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

const classNamesByKey = new Map<string, string>(Object.keys(factories).map((name) => [lookupKey(name), name]));

function resolveClassName(name: string): string | undefined {
  const key = lookupKey(name);
  return classNamesByKey.get(key) ?? (Object.hasOwn(aliases, key) ? aliases[key] : undefined);
}

function knownNames(): string {
  return Object.keys(factories).join(', ');
}

/**
 * Resolves an initializer identifier as `keras.initializers.get`: an
 * initializer (returned as is), a name in Keras's snake_case, PascalCase or
 * camelCase, or a serialized dict (Keras 3's form or the legacy
 * `{class_name, config}`). A name gives a new instance, so each weight
 * initialized from `'glorot_uniform'` gets its own seed.
 */
export function getInitializer(identifier: InitializerIdentifier): Initializer {
  if (identifier === null || identifier === undefined) {
    throw new Error('Could not interpret initializer identifier: received null. Pass a name, an initializer or a config.');
  }
  if (typeof identifier === 'object' && 'call' in identifier && typeof identifier.call === 'function') {
    return identifier as Initializer;
  }
  if (typeof identifier === 'string') {
    const className = resolveClassName(identifier);
    if (className) return factories[className]({});
    throw new Error(`Could not interpret initializer identifier: '${identifier}'. Known initializers: ${knownNames()}.`);
  }
  if (isKerasSerialized(identifier)) {
    const className = resolveClassName(identifier.class_name);
    if (className) return factories[className]((identifier.config ?? {}) as Config);
    throw new Error(
      `Could not interpret initializer config: unknown class_name '${identifier.class_name}'. Known initializers: ${knownNames()}.`,
    );
  }
  throw new Error(`Could not interpret initializer identifier: ${JSON.stringify(identifier)}.`);
}

/** Keras 3.15's serialized form of `initializer`, as `config.json` of a `.keras` file holds it. */
export function serializeInitializer(initializer: Initializer): KerasSerialized {
  return {
    module: 'keras.initializers',
    class_name: initializer.className,
    config: initializer.getConfig(),
    registered_name: null,
  };
}
