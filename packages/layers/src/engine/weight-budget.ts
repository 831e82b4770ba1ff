import type * as tf from '@tensorflow/tfjs-core';

/**
 * A cap on the bytes of weights that layers may create while a body runs.
 * A loader sets it from the size of the file whose config it builds, so that a
 * config asking for far more weights than the file can hold (a Dense of 10^8
 * units in a file of a few kilobytes) is refused before the memory is taken.
 * Like the name scopes (scope.ts), it lives only for the synchronous body.
 */
interface WeightBudget {
  remaining: number;
  refuse: (path: string, bytes: number) => Error;
}

const budgets: WeightBudget[] = [];

/**
 * Runs `body` with at most `maxBytes` of new layer weights; past it, creating a
 * weight throws `refuse(path, bytes)` (the weight's path and its size) before
 * the weight is allocated.
 */
export function withWeightBudget<T>(maxBytes: number, refuse: (path: string, bytes: number) => Error, body: () => T): T {
  budgets.push({ remaining: maxBytes, refuse });
  try {
    return body();
  } finally {
    budgets.pop();
  }
}

/** Called by Layer.addWeight before it allocates: counts the weight against the innermost budget, if one is set. */
export function chargeWeight(path: string, shape: readonly number[], dtype: tf.DataType): void {
  const budget = budgets[budgets.length - 1];
  if (budget === undefined) return;
  let elements = 1;
  for (const dimension of shape) elements *= dimension;
  const bytes = elements * (dtype === 'bool' ? 1 : dtype === 'complex64' ? 8 : 4);
  if (!(bytes <= budget.remaining)) throw budget.refuse(path, bytes);
  budget.remaining -= bytes;
}
