import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';

type Nested = number | Nested[];

function flatten(value: Nested, into: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(value);
  return into;
}

/** expectAllClose against a nested array of expected numbers (the tests' hand-computed references). */
export function expectClose(actual: tf.Tensor | Nested, expected: Nested, tolerance?: { rtol?: number; atol?: number }): void {
  expectAllClose(actual instanceof tf.Tensor ? actual : flatten(actual), flatten(expected), tolerance);
}
