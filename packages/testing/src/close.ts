import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

type Numeric = tf.Tensor | ArrayLike<number> | number;

function toFlat(value: Numeric): Float64Array {
  if (typeof value === 'number') return Float64Array.of(value);
  if (value instanceof tf.Tensor) return Float64Array.from(value.dataSync() as ArrayLike<number>);
  return Float64Array.from(value);
}

/**
 * Asserts |actual - expected| <= atol + rtol * |expected| element-wise (numpy's
 * allclose), and reports the worst element when it fails.
 */
export function expectAllClose(actual: Numeric, expected: Numeric, { rtol = 1e-5, atol = 1e-6 } = {}): void {
  const a = toFlat(actual);
  const e = toFlat(expected);
  expect(a.length, 'number of elements').toBe(e.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const excess = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
    if (!(excess <= 0) && (worst < 0 || excess > worstExcess || Number.isNaN(excess))) {
      worst = i;
      worstExcess = excess;
    }
  }
  if (worst >= 0) {
    expect.fail(
      `element ${worst} differs: got ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol}, ${a.length} elements)`,
    );
  }
}
