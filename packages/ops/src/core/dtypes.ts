import type * as tf from '@tensorflow/tfjs-core';
import type { OpsDtype, TensorLike } from './tensor-like';

/**
 * Keras's dtype promotion (keras/src/backend/common/dtypes.py, `result_type`), restricted to the dtypes tfjs holds.
 * Keras treats Python scalars as "weak": `int32_tensor + 3` stays int32, `int32_tensor + 0.5` becomes float32,
 * `float32_tensor + 3` stays float32, and `bool_tensor + 1` becomes int32.
 */
export function resultType(...values: Array<TensorLike | OpsDtype>): OpsDtype {
  let strong: OpsDtype | null = null;
  let weak: OpsDtype | null = null;
  for (const value of values) {
    const [dtype, isWeak] = dtypeOf(value);
    if (isWeak) weak = widest(weak, dtype);
    else strong = widest(strong, dtype);
  }
  if (strong === null) return weak ?? 'float32';
  if (weak === null) return strong;
  // A weak scalar only widens the kind (bool -> int -> float), never the width within a kind.
  return widest(strong, weak);
}

const RANK: Record<OpsDtype, number> = { bool: 0, int32: 1, float32: 2 };

function widest(a: OpsDtype | null, b: OpsDtype): OpsDtype {
  if (a === null) return b;
  return RANK[a] >= RANK[b] ? a : b;
}

function dtypeOf(value: TensorLike | OpsDtype): [OpsDtype, boolean] {
  if (typeof value === 'string') return [value, false];
  if (typeof value === 'number') return [Number.isInteger(value) ? 'int32' : 'float32', true];
  if (typeof value === 'boolean') return ['bool', true];
  if (value instanceof Float32Array) return ['float32', false];
  if (value instanceof Int32Array || value instanceof Uint8Array) return ['int32', false];
  if (Array.isArray(value)) {
    const flat = (value as unknown[]).flat(Number.POSITIVE_INFINITY);
    if (flat.some((item) => typeof item === 'number' && !Number.isInteger(item))) return ['float32', false];
    if (flat.some((item) => typeof item === 'number')) return ['int32', false];
    return [flat.length === 0 ? 'float32' : 'bool', false];
  }
  const dtype = (value as tf.Tensor).dtype;
  if (dtype === 'float32' || dtype === 'int32' || dtype === 'bool') return [dtype, false];
  throw new TypeError(`Strata's ops do not support dtype "${dtype}".`);
}

/** A dtype's Keras name: `float` is float32, `int` int32; a tensor gives its own dtype. */
function dtypeName(dtype: string | { dtype: string }): string {
  const name = typeof dtype === 'string' ? dtype : dtype.dtype;
  return name === 'float' ? 'float32' : name === 'int' ? 'int32' : name;
}

/** Whether a dtype (a name or a tensor's) is a float dtype, as Keras's `backend.is_float_dtype`: float16/32/64, bfloat16. */
export function isFloatDtype(dtype: string | { dtype: string }): boolean {
  return /^b?float\d*$/.test(dtypeName(dtype));
}

/** Whether a dtype (a name or a tensor's) is an integer dtype, as Keras's `backend.is_int_dtype`: int8..int64, uint8..uint64. */
export function isIntDtype(dtype: string | { dtype: string }): boolean {
  return /^u?int\d*$/.test(dtypeName(dtype));
}
