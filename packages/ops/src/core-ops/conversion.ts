import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type NestedArray, type OpsDtype, type TensorLike, standardizeDtype, toTensor } from '../core/tensor-like';
import { KerasTensor } from '../symbolic/keras-tensor';

/** A value, or an array of tensors, as one tensor: Keras stacks a list holding tensors. */
function asTensor(x: TensorLike | tf.Tensor[], dtype?: string): tf.Tensor {
  if (Array.isArray(x) && x.some((item) => item instanceof tf.Tensor)) {
    const stacked = tf.stack((x as unknown[]).map((item) => toTensor(item as TensorLike)));
    return dtype === undefined ? stacked : toTensor(stacked, dtype);
  }
  return toTensor(x as TensorLike, dtype);
}

/** Value ranges of Keras's integer dtypes, which tfjs holds as int32 (Strata keeps their values in range). */
const INTEGER_RANGES: Record<string, [number, number]> = {
  int8: [-128, 127],
  uint8: [0, 255],
  int16: [-32768, 32767],
  uint16: [0, 65535],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  int64: [-2147483648, 2147483647],
};

/** Wraps integer values into a narrow dtype's range, as a C cast does (`int32 300 -> uint8 44`). */
function wrapInto(x: tf.Tensor, dtype: string): tf.Tensor {
  const range = INTEGER_RANGES[dtype];
  if (range === undefined || dtype === 'int32' || dtype === 'int64' || dtype === 'uint32') return x;
  const span = range[1] - range[0] + 1;
  const low = tf.scalar(range[0], 'int32');
  return tf.add(tf.mod(tf.sub(x, low), tf.scalar(span, 'int32')), low);
}

/**
 * `ops.cast(x, dtype)`: `x` as a tensor of Keras dtype `dtype`. Floats become integers by truncation toward
 * zero; narrow integer dtypes (int8, uint8, int16, uint16) wrap around as in Keras, held in an int32 tensor.
 */
export const cast = /* @__PURE__ */ defineOp({ name: 'cast', module: 'core' }, function cast(x: TensorLike, dtype: string): tf.Tensor {
  const target = standardizeDtype(dtype);
  return tf.tidy(() => {
    const tensor = toTensor(x);
    if (tensor.dtype === target && INTEGER_RANGES[dtype] === undefined) return tensor.clone();
    if (target === 'bool') return tf.notEqual(tensor, tf.zerosLike(tensor));
    const converted = tf.cast(tensor, target);
    return target === 'int32' ? wrapInto(converted, dtype) : converted;
  });
});

/** Largest float32 below 2^31 (Keras nudges the int32 limit so the float32 bound stays in range). */
const FLOAT32_BELOW_2_31 = 2147483520;

function saturationRange(dtype: string, inputDtype: OpsDtype): [number, number] {
  if (dtype === 'bool') return [0, 1];
  const integer = INTEGER_RANGES[dtype];
  if (integer !== undefined) {
    const [low, high] = integer;
    // A float32 bound of 2^31 - 1 rounds up to 2^31, out of range: Keras steps it down to the float below.
    if (inputDtype === 'float32' && high > 16777216) return [low, dtype === 'uint32' ? 4294967040 : FLOAT32_BELOW_2_31];
    return [low, high];
  }
  if (dtype === 'float16') return [-65504, 65504];
  return [-3.4028234663852886e38, 3.4028234663852886e38];
}

/**
 * `ops.saturateCast(x, dtype)`: like `cast`, but values are clipped to `dtype`'s range first, so that
 * `saturateCast([-1, 256.5], 'uint8')` gives `[0, 255]` and infinities become the largest finite value.
 */
export const saturateCast = /* @__PURE__ */ defineOp({ name: 'saturate_cast', module: 'core' }, function saturateCast(x: TensorLike, dtype: string): tf.Tensor {
  const target = standardizeDtype(dtype);
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const [low, high] = saturationRange(dtype, tensor.dtype as OpsDtype);
    if (tensor.dtype === 'bool') return tf.cast(tensor, target);
    const clipped = tf.clipByValue(tensor, low, high);
    return target === 'bool' ? tf.notEqual(clipped, tf.zerosLike(clipped)) : tf.cast(clipped, target);
  });
});

export interface ConvertToTensorOptions {
  /** Keras dtype name of the result; default: the tensor's own, or inferred from JavaScript values. */
  dtype?: string | null;
  /** Sparse tensors do not exist in Strata: only false/null is accepted. */
  sparse?: boolean | null;
  /** Ragged tensors do not exist in Strata: only false/null is accepted. */
  ragged?: boolean | null;
}

/**
 * `ops.convertToTensor(x, { dtype })`: a tensor of `x`. A JavaScript integer becomes int32 and any other number
 * float32 (as Python's int and float); an array holding tensors is stacked. A tensor already of the wanted dtype
 * is returned as a new handle (`clone`), so callers may dispose the result freely.
 */
export const convertToTensor = /* @__PURE__ */ defineOp({ name: 'convert_to_tensor', module: 'core' }, function convertToTensor(
  x: TensorLike | tf.Tensor[],
  options: ConvertToTensorOptions = {},
): tf.Tensor {
  if (options.sparse) throw new TypeError('ops.convertToTensor: sparse=true is not supported; Strata has no sparse tensors.');
  if (options.ragged) throw new TypeError('ops.convertToTensor: ragged=true is not supported; Strata has no ragged tensors.');
  return tf.tidy(() => {
    const tensor = asTensor(x, options.dtype ?? undefined);
    return x === tensor ? tensor.clone() : tensor;
  });
});

/**
 * `ops.convertToNumpy(x)`: the values of `x` read from the device, as plain nested JavaScript arrays (NumPy's
 * nesting: a scalar tensor gives a number, rank 1 an array of numbers...). Floats and ints are numbers, bool
 * tensors give booleans. An array of tensors is stacked first, as Keras does.
 */
export function convertToNumpy(x: TensorLike | tf.Tensor[]): NestedArray {
  const tensor = asTensor(x);
  try {
    const values = tensor.arraySync() as NestedArray;
    if (tensor.dtype !== 'bool') return values;
    const toBool = (value: NestedArray): NestedArray => (Array.isArray(value) ? value.map(toBool) : Boolean(value));
    return toBool(values);
  } finally {
    if (tensor !== x) tensor.dispose();
  }
}

/** `ops.isTensor(x)`: true for a tfjs tensor; false for JavaScript values and for symbolic tensors, as in Keras. */
export function isTensor(x: unknown): boolean {
  return x instanceof tf.Tensor;
}

/** `ops.dtype(x)`: the Keras dtype name of a tensor or a symbolic tensor ('float32', 'int32', 'bool'). */
export function dtype(x: tf.Tensor | KerasTensor): string {
  if (x instanceof tf.Tensor || x instanceof KerasTensor) return x.dtype;
  throw new TypeError(`ops.dtype expects a tensor; received ${x === null ? 'null' : typeof x}.`);
}

/** `ops.shape(x)`: the shape of a tensor as a new array (a symbolic tensor's may hold null for unknown sizes). */
export function shape(x: tf.Tensor | KerasTensor): Array<number | null> {
  if (x instanceof tf.Tensor || x instanceof KerasTensor) return [...x.shape];
  throw new TypeError(`ops.shape expects a tensor; received ${x === null ? 'null' : typeof x}.`);
}
