/**
 * Activations by Keras name, and the `get`/`serialize` pair that layers use
 * to turn `'relu'` into a function and back (`keras.activations.get`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { toSnakeCase } from '../serialization';
import { glu, logSoftmax, softmax, sparsemax } from './axis';
import * as elementwise from './elementwise';

export type ActivationFunction = (x: tf.Tensor) => tf.Tensor;
export type ActivationIdentifier = string | ActivationFunction | null | undefined;

/** A custom activation that names itself, so that it serializes to `kerasName`. */
export type NamedActivationFunction = ActivationFunction & { kerasName?: string };

/**
 * Every activation of Keras 3.15's `keras.activations`, by its Keras name.
 * Functions are wrapped so that optional arguments (a slope, an axis) take
 * their Keras defaults when a layer calls them with a tensor alone, and run
 * in `tf.tidy` so that the scalars they create never outlive the call.
 */
const untidied: Record<string, ActivationFunction> = {
  relu: (x) => elementwise.relu(x),
  leaky_relu: (x) => elementwise.leakyRelu(x),
  relu6: elementwise.relu6,
  softmax: (x) => softmax(x),
  celu: (x) => elementwise.celu(x),
  elu: (x) => elementwise.elu(x),
  selu: elementwise.selu,
  softplus: elementwise.softplus,
  softsign: elementwise.softsign,
  squareplus: (x) => elementwise.squareplus(x),
  soft_shrink: (x) => elementwise.softShrink(x),
  sparse_plus: elementwise.sparsePlus,
  silu: elementwise.silu,
  gelu: (x) => elementwise.gelu(x),
  glu: (x) => glu(x),
  tanh: elementwise.tanh,
  tanh_shrink: elementwise.tanhShrink,
  threshold: (x) => elementwise.threshold(x),
  sigmoid: elementwise.sigmoid,
  sparse_sigmoid: elementwise.sparseSigmoid,
  exponential: elementwise.exponential,
  hard_sigmoid: elementwise.hardSigmoid,
  hard_silu: elementwise.hardSilu,
  hard_tanh: elementwise.hardTanh,
  hard_shrink: (x) => elementwise.hardShrink(x),
  linear: elementwise.linear,
  mish: elementwise.mish,
  log_softmax: (x) => logSoftmax(x),
  log_sigmoid: elementwise.logSigmoid,
  sparsemax: (x) => sparsemax(x),
};

export const activations: Record<string, ActivationFunction> = Object.fromEntries(
  Object.entries(untidied).map(([name, fn]) => [name, (x: tf.Tensor) => tf.tidy(() => fn(x))]),
);

/** Keras's extra names: they resolve to a function but serialize to its own name. */
const aliases: Record<string, string> = { swish: 'silu', hard_swish: 'hard_silu' };

/**
 * The Keras name of every function that Keras would also serialize by name:
 * the registered built-ins, the plain functions this module exports
 * (`relu`, `sigmoid`...) and the tfjs ops that compute the same activation
 * with Keras's defaults (`tf.relu`, `tf.sigmoid`, `tf.tanh`, `tf.softmax`...),
 * as Keras 3 writes `'relu'` for `keras.activations.relu` and `keras.ops.relu`.
 */
const namesByFunction = new Map<ActivationFunction, string>([
  ...(Object.entries(activations).map(([name, fn]) => [fn, name]) as [ActivationFunction, string][]),
  ...(Object.entries(elementwise).map(([exported, fn]) => [fn, toSnakeCase(exported)]) as [ActivationFunction, string][]),
  [softmax as ActivationFunction, 'softmax'],
  [logSoftmax as ActivationFunction, 'log_softmax'],
  [glu as ActivationFunction, 'glu'],
  [sparsemax as ActivationFunction, 'sparsemax'],
  [tf.relu, 'relu'],
  [tf.relu6, 'relu6'],
  [tf.elu, 'elu'],
  [tf.selu, 'selu'],
  [tf.sigmoid, 'sigmoid'],
  [tf.tanh, 'tanh'],
  [tf.softplus, 'softplus'],
  [tf.leakyRelu as ActivationFunction, 'leaky_relu'],
  [tf.softmax as ActivationFunction, 'softmax'],
  [tf.logSoftmax as ActivationFunction, 'log_softmax'],
  [tf.logSigmoid, 'log_sigmoid'],
  [tf.exp, 'exponential'],
]);

/**
 * Thrown when a layer whose activation is a function Keras has no name for
 * is serialized (saved, cloned from its config). Keras 3 accepts such a
 * function in the constructor and fails only when the file is loaded; Strata
 * refuses at save time, where the fix is still in the user's hands.
 */
export class UnserializableActivationError extends Error {
  override readonly name = 'UnserializableActivationError';
}

function knownNames(): string {
  return [...Object.keys(activations), ...Object.keys(aliases)].sort().join(', ');
}

/**
 * Resolves an activation identifier as `keras.activations.get` does: a Keras
 * name (`'leaky_relu'`) or its camelCase form (`'leakyRelu'`), a function
 * (returned as is), or null/undefined for `linear`.
 */
export function getActivation(identifier: ActivationIdentifier): ActivationFunction {
  if (identifier === null || identifier === undefined) return activations.linear;
  if (typeof identifier === 'function') return identifier;
  if (typeof identifier === 'string') {
    const name = toSnakeCase(identifier);
    const canonical = (Object.hasOwn(aliases, name) ? aliases[name] : undefined) ?? name;
    if (Object.hasOwn(activations, canonical)) return activations[canonical];
  }
  throw new Error(`Could not interpret activation function identifier: ${String(identifier)}. Known names: ${knownNames()}.`);
}

/**
 * The Keras name of `fn` (`'relu'` for `relu`, `tf.relu` or
 * `activations.relu`; a custom function's `kerasName`), or null when Keras
 * has no name for it. Layers use it where a missing name is no error, such as
 * choosing a fused kernel.
 */
export function activationName(fn: ActivationFunction): string | null {
  const builtIn = namesByFunction.get(fn);
  if (builtIn !== undefined) return builtIn;
  const named = (fn as NamedActivationFunction).kerasName;
  return typeof named === 'string' && named.length > 0 ? named : null;
}

/**
 * The Keras name that a layer's config stores for `fn` (`'relu'`). A custom
 * function serializes only if it carries a `kerasName`, as Keras needs a
 * registered name to load a custom activation; otherwise this throws an
 * `UnserializableActivationError` that names `owner` (the layer being saved).
 */
export function serializeActivation(fn: ActivationFunction, owner?: string): string {
  const name = activationName(fn);
  if (name !== null) return name;
  const where = owner === undefined ? '' : `Layer "${owner}" cannot be saved: its `;
  throw new UnserializableActivationError(
    `${where}${where ? 'a' : 'A'}ctivation function '${fn.name || 'anonymous'}' has no Keras name, so it cannot be serialized; expected one of Keras's activations (${knownNames()}), a tfjs op with the same meaning (tf.relu, tf.sigmoid, tf.tanh, tf.softmax...), or a function with a \`kerasName\`.`,
  );
}
