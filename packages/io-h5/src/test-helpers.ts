// Shared by this package's tests only (tsup bundles src/index.ts, not this file).
import { readFileSync } from 'node:fs';
import type { NpyArray } from '@strata/datasets';
import { goldenPath, hasGolden, readGoldenNpz } from '@strata/testing';
import { expect } from 'vitest';
import type { WeightArray } from './types';

export const GOLDEN_MODELS = ['a_mlp_tutorial', 'a_mlp_tutorial_trained', 'b_mlp_784', 'c_cnn', 'd_functional', 'e1_cnn_bn', 'e2_embedding_lstm'];

export const goldenAvailable = hasGolden();

export function readGoldenBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(goldenPath(...parts)));
}

/** weights.npz as (variable path, array) pairs in model.weights order; keys are `NNN__path__with__underscores`. */
export function goldenWeights(...parts: string[]): Array<{ path: string; array: NpyArray }> {
  return [...readGoldenNpz(...parts)].map(([key, array]) => ({ path: key.replace(/^\d+__/, '').replace(/\.npy$/, '').replaceAll('__', '/'), array }));
}

const DTYPE_BY_NPY: Record<string, string> = { f4: 'float32', f8: 'float64', i4: 'int32', i8: 'int64' };

/** Bit-for-bit equality of a weight we read and one numpy wrote. */
export function expectSameArray(actual: WeightArray, expected: NpyArray, label: string): void {
  expect(actual.dtype, label).toBe(DTYPE_BY_NPY[expected.dtype]);
  expect(actual.shape, label).toEqual(expected.shape);
  expect(bytesOf(actual.data).equals(bytesOf(expected.data)), `${label}: data differs`).toBe(true);
}

export function expectSameWeight(actual: WeightArray, expected: WeightArray, label: string): void {
  expect(actual.dtype, label).toBe(expected.dtype);
  expect(actual.shape, label).toEqual(expected.shape);
  expect(bytesOf(actual.data).equals(bytesOf(expected.data)), `${label}: data differs`).toBe(true);
}

function bytesOf(data: ArrayBufferView): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}
