import * as tf from '@tensorflow/tfjs-core';
import { Ellipsis, Slice } from './index-key';
import { standardizeDtype } from '../core/tensor-like';
import { KerasTensor } from './keras-tensor';

/** A constant tensor in a loaded node's arguments (Keras's `__tensor__` / `__numpy__`): made a tensor when the node runs. */
export class ConstantArg {
  constructor(
    readonly value: unknown,
    readonly dtype: string,
    readonly kind: '__tensor__' | '__numpy__' = '__tensor__',
  ) {}

  toTensor(): tf.Tensor {
    return tf.tensor(this.value as number[], undefined, standardizeDtype(this.dtype));
  }
}

type Json = Record<string, unknown>;

/** Keras's `keras_history` of a symbolic tensor: [operation name, node index, tensor index]. */
export function historyOf(tensor: KerasTensor): [string, number, number] {
  if (!tensor.operation) throw new Error(`The symbolic tensor "${tensor.name}" was not produced by any operation of a graph.`);
  return [tensor.operation.name, tensor.nodeIndex, tensor.tensorIndex];
}

/** A symbolic tensor as a node's arguments hold it in a config (`__keras_tensor__`); one of no graph has a null history. */
export function serializeKerasTensor(tensor: KerasTensor): Json {
  const history = tensor.operation ? historyOf(tensor) : null;
  return { class_name: '__keras_tensor__', config: { shape: tensor.shape, dtype: tensor.dtype, keras_history: history } };
}

/**
 * A node's `args` or `kwargs` as Keras writes them: symbolic tensors, slices, `...` and tensors become Keras's
 * `__keras_tensor__`, `__slice__`, `__ellipsis__` and `__tensor__` objects; numbers, strings, booleans, null,
 * arrays and plain objects stay themselves.
 */
export function serializeNodeArgs(value: unknown): unknown {
  if (value instanceof KerasTensor) return serializeKerasTensor(value);
  if (value instanceof Slice) return { class_name: '__slice__', config: { start: value.start, stop: value.stop, step: value.step } };
  if (value === Ellipsis) return { class_name: '__ellipsis__', config: {} };
  if (value instanceof ConstantArg) return { class_name: value.kind, config: { value: value.value, dtype: value.dtype } };
  if (value instanceof tf.Tensor) return { class_name: '__tensor__', config: { value: value.arraySync(), dtype: value.dtype } };
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(serializeNodeArgs);
  if (typeof value === 'object' && value !== null) {
    if (Object.getPrototypeOf(value) !== Object.prototype) {
      throw new TypeError(`A graph node's argument of type ${value.constructor?.name ?? 'unknown'} cannot be saved in a Keras config.`);
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, serializeNodeArgs(item)]));
  }
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
    throw new TypeError(`A graph node's argument of type ${typeof value} cannot be saved in a Keras config.`);
  }
  return value;
}

/**
 * The inverse of `serializeNodeArgs` for a config read from a file: `__keras_tensor__` objects become the
 * tensors `resolve` returns for their history. Any other class of object is refused: nothing in a file runs.
 */
export function deserializeNodeArgs(value: unknown, resolve: (history: [string, number, number]) => KerasTensor): unknown {
  if (Array.isArray(value)) return value.map((item) => deserializeNodeArgs(item, resolve));
  if (typeof value !== 'object' || value === null) return value;
  const entry = value as Json;
  if (typeof entry.class_name === 'string' && typeof entry.config === 'object' && entry.config !== null) {
    const config = entry.config as Json;
    switch (entry.class_name) {
      case '__keras_tensor__': {
        const history = config.keras_history;
        if (!Array.isArray(history) || typeof history[0] !== 'string') {
          throw new Error(`A symbolic tensor in the model config has no valid keras_history: ${JSON.stringify(value).slice(0, 200)}`);
        }
        return resolve([history[0], Number(history[1] ?? 0), Number(history[2] ?? 0)]);
      }
      case '__slice__':
        return new Slice(sliceBound(config.start), sliceBound(config.stop), sliceBound(config.step));
      case '__ellipsis__':
        return Ellipsis;
      case '__tensor__':
      case '__numpy__':
        standardizeDtype(String(config.dtype));
        return new ConstantArg(config.value, String(config.dtype), entry.class_name);
      default:
        throw new TypeError(
          `Unsupported object of class "${entry.class_name}" in a graph node's arguments: Strata loads only tensors, slices, ellipses, numbers, strings and lists there.`,
        );
    }
  }
  return Object.fromEntries(Object.entries(entry).map(([key, item]) => [key, deserializeNodeArgs(item, resolve)]));
}

function sliceBound(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`A slice bound in the model config must be an integer or null; received ${JSON.stringify(value)}.`);
  }
  return value;
}
