import { expectAllClose } from '@strata/testing';
import type * as tf from '@tensorflow/tfjs-core';

type Nested = number | Nested[];

/** expectAllClose against a nested array of expected numbers (the tests' hand-computed references). */
export function expectClose(actual: tf.Tensor | Nested, expected: Nested, tolerance?: { rtol?: number; atol?: number }): void {
  const flatActual = Array.isArray(actual) ? (actual.flat(Number.POSITIVE_INFINITY) as number[]) : actual;
  expectAllClose(flatActual as tf.Tensor | number[], [expected].flat(Number.POSITIVE_INFINITY) as number[], tolerance);
}
