import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** A nested array is flattened in row-major order, as numpy reads a nested list. */
type Nested = number | Nested[];
type Numeric = tf.Tensor | ArrayLike<number> | Nested;

export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * The tolerances of `expectAllClose` by dtype, written down once. float32: a
 * few units in the last place of float32 (2^-23 ≈ 1.2e-7) after sums whose
 * order differs between kernels and backends; numpy's allclose defaults
 * (1e-5, 1e-8) with an absolute floor of 1e-6 for values that cancel to near
 * zero. Integers and booleans compare exactly. The same on every backend:
 * cpu, wasm and webgpu on SwiftShader (float32, its reductions in another
 * order) all pass every layer's harness test with them; a backend that needed
 * more would get its own entry here, named by backend.
 */
export const TOLERANCES: Readonly<Record<'float32' | 'int32' | 'bool', Tolerance>> = {
  float32: { rtol: 1e-5, atol: 1e-6 },
  int32: { rtol: 0, atol: 0 },
  bool: { rtol: 0, atol: 0 },
};

function toFlat(value: Numeric): Float64Array {
  if (typeof value === 'number') return Float64Array.of(value);
  if (value instanceof tf.Tensor) return Float64Array.from(value.dataSync() as ArrayLike<number>);
  if (Array.isArray(value)) return Float64Array.from((value as unknown[]).flat(Number.POSITIVE_INFINITY) as number[]);
  return Float64Array.from(value as ArrayLike<number>);
}

function defaultTolerance(actual: Numeric, expected: Numeric): Tolerance {
  const dtypes = [actual, expected].filter((v): v is tf.Tensor => v instanceof tf.Tensor).map((t) => t.dtype);
  const exact = dtypes.length > 0 && dtypes.every((d) => d === 'int32' || d === 'bool');
  return exact ? TOLERANCES.int32 : TOLERANCES.float32;
}

/**
 * Asserts |actual - expected| <= atol + rtol * |expected| element-wise (numpy's
 * allclose), with the dtype's tolerance from TOLERANCES unless given, and the
 * same shape when both are tensors. A failure names the worst element.
 */
export function expectAllClose(actual: Numeric, expected: Numeric, tolerance: Partial<Tolerance> = {}): void {
  const { rtol, atol } = { ...defaultTolerance(actual, expected), ...tolerance };
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) {
    expect(actual.shape, 'shape').toEqual(expected.shape);
  }
  const a = toFlat(actual);
  const e = toFlat(expected);
  expect(a.length, 'number of elements').toBe(e.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
    const bothInfinite = a[i] === e[i];
    if (!bothInfinite && !(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(`element ${worst} differs: got ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol}, ${a.length} elements)`);
  }
}

/**
 * expectAllClose with the tensors read asynchronously (`await tensor.data()`),
 * for backends that cannot read synchronously (webgpu in Node). Same default
 * tolerances, shape check and failure message.
 */
export async function expectAllCloseAsync(actual: Numeric, expected: Numeric, tolerance: Partial<Tolerance> = {}): Promise<void> {
  const resolved = { ...defaultTolerance(actual, expected), ...tolerance };
  if (actual instanceof tf.Tensor && expected instanceof tf.Tensor) {
    expect(actual.shape, 'shape').toEqual(expected.shape);
  }
  const read = async (value: Numeric): Promise<Numeric> => (value instanceof tf.Tensor ? ((await value.data()) as ArrayLike<number>) : value);
  expectAllClose(await read(actual), await read(expected), resolved);
}
