import * as tf from '@tensorflow/tfjs-core';
import { isSymbolicValue } from '../symbolic/brand';

/** Nested JavaScript arrays of numbers or booleans, as `ops.convertToTensor` and every op accept them. */
export type NestedArray = number | boolean | NestedArray[];

/** What an op accepts where Keras accepts an array-like: a tensor, a Python-style scalar or nested list, or a typed array. */
export type TensorLike = tf.Tensor | number | boolean | NestedArray[] | Float32Array | Int32Array | Uint8Array;

/** The dtypes Strata's ops produce: tfjs holds no 64-bit or 16-bit types, so Keras's int64 maps to int32 and float64 to float32. */
export type OpsDtype = 'float32' | 'int32' | 'bool';

/** Keras's dtype names that Strata accepts as arguments, mapped to the tfjs dtype that holds them. */
const DTYPE_ALIASES: Record<string, OpsDtype> = {
  float32: 'float32',
  float64: 'float32',
  float16: 'float32',
  bfloat16: 'float32',
  int32: 'int32',
  int64: 'int32',
  int16: 'int32',
  int8: 'int32',
  uint8: 'int32',
  uint16: 'int32',
  uint32: 'int32',
  bool: 'bool',
};

/** The tfjs dtype for a Keras dtype name; refuses complex and string dtypes by name. */
export function standardizeDtype(dtype: string): OpsDtype {
  if (Object.hasOwn(DTYPE_ALIASES, dtype)) return DTYPE_ALIASES[dtype];
  if (dtype.startsWith('complex')) throw new TypeError(`Complex dtypes are not supported by Strata's ops: received dtype "${dtype}".`);
  throw new TypeError(`Unknown dtype "${dtype}"; expected one of ${Object.keys(DTYPE_ALIASES).join(', ')}.`);
}

/** True for a value some op argument holds that is an array-like, not an option. */
export function isTensorLike(value: unknown): value is TensorLike {
  return (
    value instanceof tf.Tensor ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    Array.isArray(value) ||
    value instanceof Float32Array ||
    value instanceof Int32Array ||
    value instanceof Uint8Array
  );
}

function inferDtype(value: NestedArray | NestedArray[]): OpsDtype {
  let sawFloat = false;
  let sawNumber = false;
  let sawBool = false;
  const visit = (item: unknown) => {
    if (Array.isArray(item)) item.forEach(visit);
    else if (typeof item === 'boolean') sawBool = true;
    else if (typeof item === 'number') {
      sawNumber = true;
      if (!Number.isInteger(item)) sawFloat = true;
    }
  };
  visit(value);
  if (sawFloat) return 'float32';
  if (sawNumber) return 'int32';
  return sawBool ? 'bool' : 'float32';
}

/**
 * Keras's `convert_to_tensor`: a tensor stays itself (cast when `dtype` is given);
 * a JavaScript number becomes int32 when it is an integer and float32 otherwise,
 * as a Python int or float does; nested arrays take the widest of their elements.
 * Symbolic tensors cannot be converted: they have no values yet.
 */
export function toTensor(value: TensorLike, dtype?: string): tf.Tensor {
  if (isSymbolicValue(value)) {
    throw new TypeError('A symbolic tensor (KerasTensor) has no values: it can only be passed to ops and layers while building a model.');
  }
  const wanted = dtype === undefined ? undefined : standardizeDtype(dtype);
  if (value instanceof tf.Tensor) return wanted === undefined || wanted === value.dtype ? value : tf.cast(value, wanted);
  if (value instanceof Float32Array) return tf.tensor1d(value, wanted ?? 'float32');
  if (value instanceof Int32Array) return tf.tensor1d(value, wanted ?? 'int32');
  if (value instanceof Uint8Array) return tf.tensor1d(Int32Array.from(value), wanted ?? 'int32');
  const inferred = inferDtype(value as NestedArray);
  if (typeof value === 'number' || typeof value === 'boolean') return tf.scalar(value as number, wanted ?? inferred);
  const t = tf.tensor(value as number[], undefined, inferred === 'bool' ? 'bool' : inferred);
  return wanted === undefined || wanted === t.dtype ? t : tf.cast(t, wanted);
}
