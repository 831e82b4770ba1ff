import { ValueError } from '../errors';

/**
 * Checks of the numeric arguments of fit, evaluate and predict, made before
 * any tensor is created. Keras lets some of these through (it reads a
 * `batch_size` or `steps_per_epoch` of 0 as "not given", and trains with a
 * `validation_split` of 1.5); Strata refuses them, since each one is a typo
 * or a bug that would otherwise train on nothing or run forever.
 */

/** `value` must be absent or an integer ≥ 1, as Keras's "batch_size should be a positive integer value". */
export function checkPositiveInteger(method: string, name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValueError(`Argument \`${name}\` of ${method}() should be a positive integer, but got ${name}=${describe(value)}.`);
  }
}

/** `value` must be absent or an integer ≥ 0 (epochs, initialEpoch). */
export function checkNonNegativeInteger(method: string, name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ValueError(`Argument \`${name}\` of ${method}() should be an integer of 0 or more, but got ${name}=${describe(value)}.`);
  }
}

/** Keras's `validation_split`: the fraction of samples held out, in [0, 1). */
export function checkValidationSplit(value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= 1) {
    throw new ValueError(
      `Argument \`validationSplit\` of fit() should be a number in [0, 1), the fraction of the samples held out for validation, but got validationSplit=${describe(value)}.`,
    );
  }
}

/** Keras's "num_samples should be a positive integer value": no data is an error, not a loss of 0. */
export function checkSampleCount(method: string, count: number, what = 'the input data'): void {
  if (count < 1) {
    throw new ValueError(`${method}() received no samples: ${what} holds 0 rows, and at least one is needed.`);
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
