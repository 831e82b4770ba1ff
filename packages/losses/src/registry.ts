import { BinaryCrossentropy, BinaryFocalCrossentropy } from './binary';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from './categorical';
import { CategoricalFocalCrossentropy } from './categorical-focal';
import { Circle } from './circle';
import { lossFunctionName } from './function-names';
import { CTC } from './ctc';
import { CategoricalGeneralizedCrossEntropy } from './generalized-crossentropy';
import { CategoricalHinge, Hinge, SquaredHinge } from './hinge';
import { Loss, type LossFunction, LossFunctionWrapper } from './loss';
import { Dice, Tversky } from './overlap';
import { KLDivergence, Poisson } from './probabilistic';
import {
  CosineSimilarity,
  Huber,
  LogCosh,
  MeanAbsoluteError,
  MeanAbsolutePercentageError,
  MeanSquaredError,
  MeanSquaredLogarithmicError,
} from './regression';

type LossFactory = (options: Record<string, unknown>) => Loss;

/** Keras class name to constructor; the options are camelCase. */
const CLASS_FACTORIES: Record<string, LossFactory> = {
  BinaryCrossentropy: (options) => new BinaryCrossentropy(options),
  BinaryFocalCrossentropy: (options) => new BinaryFocalCrossentropy(options),
  CategoricalCrossentropy: (options) => new CategoricalCrossentropy(options),
  CategoricalFocalCrossentropy: (options) => new CategoricalFocalCrossentropy(options),
  SparseCategoricalCrossentropy: (options) => new SparseCategoricalCrossentropy(options),
  MeanSquaredError: (options) => new MeanSquaredError(options),
  MeanAbsoluteError: (options) => new MeanAbsoluteError(options),
  MeanAbsolutePercentageError: (options) => new MeanAbsolutePercentageError(options),
  MeanSquaredLogarithmicError: (options) => new MeanSquaredLogarithmicError(options),
  CosineSimilarity: (options) => new CosineSimilarity(options),
  Huber: (options) => new Huber(options),
  LogCosh: (options) => new LogCosh(options),
  Hinge: (options) => new Hinge(options),
  SquaredHinge: (options) => new SquaredHinge(options),
  CategoricalHinge: (options) => new CategoricalHinge(options),
  KLDivergence: (options) => new KLDivergence(options),
  Poisson: (options) => new Poisson(options),
  Dice: (options) => new Dice(options),
  Tversky: (options) => new Tversky(options),
  Circle: (options) => new Circle(options),
  CTC: (options) => new CTC(options),
  CategoricalGeneralizedCrossEntropy: (options) => new CategoricalGeneralizedCrossEntropy(options),
};

/**
 * Keras's function names and legacy aliases (`keras.losses.get`), mapped to the
 * class that computes the same per-sample function.
 */
const FUNCTION_CLASSES: Record<string, string> = {
  binary_crossentropy: 'BinaryCrossentropy',
  bce: 'BinaryCrossentropy',
  BCE: 'BinaryCrossentropy',
  binary_focal_crossentropy: 'BinaryFocalCrossentropy',
  categorical_crossentropy: 'CategoricalCrossentropy',
  categorical_focal_crossentropy: 'CategoricalFocalCrossentropy',
  sparse_categorical_crossentropy: 'SparseCategoricalCrossentropy',
  mean_squared_error: 'MeanSquaredError',
  mse: 'MeanSquaredError',
  MSE: 'MeanSquaredError',
  mean_absolute_error: 'MeanAbsoluteError',
  mae: 'MeanAbsoluteError',
  MAE: 'MeanAbsoluteError',
  mean_absolute_percentage_error: 'MeanAbsolutePercentageError',
  mape: 'MeanAbsolutePercentageError',
  MAPE: 'MeanAbsolutePercentageError',
  mean_squared_logarithmic_error: 'MeanSquaredLogarithmicError',
  msle: 'MeanSquaredLogarithmicError',
  MSLE: 'MeanSquaredLogarithmicError',
  cosine_similarity: 'CosineSimilarity',
  huber: 'Huber',
  huber_loss: 'Huber',
  log_cosh: 'LogCosh',
  logcosh: 'LogCosh',
  hinge: 'Hinge',
  squared_hinge: 'SquaredHinge',
  categorical_hinge: 'CategoricalHinge',
  kl_divergence: 'KLDivergence',
  kld: 'KLDivergence',
  KLD: 'KLDivergence',
  kullback_leibler_divergence: 'KLDivergence',
  poisson: 'Poisson',
  dice: 'Dice',
  tversky: 'Tversky',
  circle: 'Circle',
  ctc: 'CTC',
};

function camelToSnake(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function snakeToCamel(text: string): string {
  return text.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Keras config (snake_case) to constructor options (camelCase); `dtype` is dropped, float32 is the only one. */
function configToOptions(config: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (key !== 'dtype' && key !== 'fn') options[snakeToCamel(key)] = value;
  }
  return options;
}

function lossFromString(identifier: string): Loss | undefined {
  // Own properties only: 'constructor' or 'toString' is not a loss.
  if (Object.hasOwn(CLASS_FACTORIES, identifier)) return CLASS_FACTORIES[identifier]({});
  const className = Object.hasOwn(FUNCTION_CLASSES, identifier) ? FUNCTION_CLASSES[identifier] : undefined;
  // Keras names the wrapper of a function after the identifier the user gave ('mse' stays 'mse').
  if (className) return CLASS_FACTORIES[className]({ name: identifier });
  return undefined;
}

/** Every string `getLoss` understands, for error messages and documentation. */
export const LOSS_IDENTIFIERS: readonly string[] = [...Object.keys(FUNCTION_CLASSES), ...Object.keys(CLASS_FACTORIES)];

/**
 * Resolves a loss identifier as Keras's `losses.get` and `compile` do: a Keras
 * function name or alias ('sparse_categorical_crossentropy', 'mse'), a class
 * name ('Huber'), the camelCase form of either ('meanSquaredError'), a Loss
 * (returned as is), one of Strata's loss functions (the loss of its Keras
 * name) or any other per-sample function (wrapped, under its own name).
 */
export function getLoss(identifier: string | Loss | LossFunction): Loss {
  if (identifier instanceof Loss) return identifier;
  if (typeof identifier === 'function') {
    // One of Strata's own loss functions is the loss its Keras name gives, named as Keras names it.
    const kerasName = lossFunctionName(identifier);
    if (kerasName !== undefined) return lossFromString(kerasName) as Loss;
    return new LossFunctionWrapper(identifier, { name: identifier.name || 'loss' });
  }
  const loss = lossFromString(identifier) ?? lossFromString(camelToSnake(identifier));
  if (loss) return loss;
  throw new Error(
    `Could not interpret loss identifier '${identifier}'. Expected a Loss, a function, or one of: ${LOSS_IDENTIFIERS.join(', ')}.`,
  );
}

export interface SerializedLoss {
  module: string;
  class_name: string;
  config: Record<string, unknown>;
  registered_name: string | null;
}

/**
 * Keras 3's `serialize_keras_object` for a built-in loss. A wrapped plain
 * function has no Keras class, so it serialises to its name.
 */
export function serializeLoss(loss: Loss): SerializedLoss | string {
  if (!Object.hasOwn(CLASS_FACTORIES, loss.className)) return loss.name;
  return { module: 'keras.losses', class_name: loss.className, config: loss.getConfig(), registered_name: null };
}

/** Keras 3 serialized objects, legacy `{class_name, config}` objects and strings. */
export function deserializeLoss(config: unknown): Loss {
  if (typeof config === 'string') return getLoss(config);
  if (config === null || typeof config !== 'object') {
    throw new Error(`Cannot deserialize a loss from ${JSON.stringify(config)}: expected a string or {class_name, config}.`);
  }
  const { class_name: className, config: inner } = config as { class_name?: unknown; config?: unknown };
  // Keras 3 serialises a bare function as {class_name: 'function', config: 'mean_squared_error'}.
  if (className === 'function' && typeof inner === 'string') return getLoss(inner);
  const innerConfig = (inner ?? {}) as Record<string, unknown>;
  if (typeof className === 'string' && Object.hasOwn(CLASS_FACTORIES, className)) {
    return CLASS_FACTORIES[className](configToOptions(innerConfig));
  }
  if (className === 'LossFunctionWrapper') {
    const fn = innerConfig.fn;
    const fnName = typeof fn === 'string' ? fn : (fn as { config?: unknown } | undefined)?.config;
    if (typeof fnName === 'string' && fnName in FUNCTION_CLASSES) {
      return CLASS_FACTORIES[FUNCTION_CLASSES[fnName]]({ ...configToOptions(innerConfig), name: innerConfig.name ?? fnName });
    }
  }
  throw new Error(
    `Cannot deserialize loss class '${String(className)}': it is not a built-in Keras loss (known: ${Object.keys(CLASS_FACTORIES).join(', ')}).`,
  );
}
