import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type NpyArray, parseNpy, parseNpz } from './npy';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The folder of files written by real Keras (a shared/keras-golden folder beside the
 * repository). vitest sets STRATA_GOLDEN_DIR; tests skip with a reason when absent.
 */
export function goldenDir(): string {
  return process.env.STRATA_GOLDEN_DIR ?? join(process.cwd(), '..', '..', '..', 'shared', 'keras-golden');
}

export function hasGolden(): boolean {
  return existsSync(join(goldenDir(), 'MANIFEST.md'));
}

export function goldenPath(...parts: string[]): string {
  return join(goldenDir(), ...parts);
}

export function readGoldenJson<T = any>(...parts: string[]): T {
  return JSON.parse(readFileSync(goldenPath(...parts), 'utf8')) as T;
}

export function readGoldenNpy(...parts: string[]): NpyArray {
  const path = goldenPath(...parts);
  return parseNpy(new Uint8Array(readFileSync(path)), path);
}

/** Arrays of a golden `.npz` file, in the order they were stored (Keras's `model.weights` order for weights.npz). */
export function readGoldenNpz(...parts: string[]): Map<string, NpyArray> {
  const path = goldenPath(...parts);
  return parseNpz(new Uint8Array(readFileSync(path)), path);
}

/** A tensor from an npy array; int64 becomes int32 and float64 becomes float32, as tfjs holds them. */
export function npyToTensor(array: NpyArray): tf.Tensor {
  const { data, shape } = array;
  if (data instanceof BigInt64Array) return tf.tensor(Int32Array.from(data, (v) => Number(v)), shape, 'int32');
  if (data instanceof Float64Array) return tf.tensor(Float32Array.from(data), shape, 'float32');
  if (data instanceof Float32Array) return tf.tensor(data, shape, 'float32');
  return tf.tensor(Int32Array.from(data as ArrayLike<number>), shape, 'int32');
}
