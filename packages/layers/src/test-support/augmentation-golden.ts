import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

/** golden/augment-geometry.json, written by real Keras 3.15.1 (scripts/golden_augment_geometry.py). */
export interface GoldenCase {
  class_name: string;
  config: Record<string, unknown>;
  shape: number[];
  transformation: unknown;
  output: number[];
  labels?: number[][];
  mixed_labels?: number[][];
  inference_shape?: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'augment-geometry.json');
export const goldenCases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

/** The script's images: (sin(0.37 i + 0.1) + 1) / 2 × 255 over the flat index i. */
export const sineImages = (shape: number[]): tf.Tensor4D =>
  tf.tidy(() => {
    const flat = tf.range(0, shape.reduce((a, b) => a * b, 1));
    const images: tf.Tensor = tf.reshape(tf.mul(tf.div(tf.add(tf.sin(tf.add(tf.mul(flat, 0.37), 0.1)), 1), 2), 255), shape);
    return images as tf.Tensor4D;
  });

/** A Keras transformation dict as tensors (numbers stay numbers): booleans for the masks and switches, int32 for permutations. */
export function transformationTensors(json: Record<string, unknown>): Record<string, tf.Tensor | number> {
  const dtypeOf = (key: string): tf.DataType =>
    key.startsWith('apply_') || key === 'batch_masks' ? 'bool' : key === 'permutation_order' ? 'int32' : 'float32';
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [key, typeof value === 'number' ? value : tf.tensor(value as number[], undefined, dtypeOf(key))]),
  );
}

