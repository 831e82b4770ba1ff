import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';

/** Something that yields batches asynchronously, such as @strata/datasets's Dataset. */
export interface DatasetLike {
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

type ArrayLikeData = tf.TensorLike;
export type DataInput = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor> | ArrayLikeData | DatasetLike;
export type TargetInput = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor> | ArrayLikeData;

export function isDataset(value: unknown): value is DatasetLike {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Converts user data to a list of tensors (one per model input or output).
 * Tensors made here from arrays are pushed to `created` so the caller can free them.
 */
export function toTensorList(value: unknown, what: string, created: tf.Tensor[]): tf.Tensor[] {
  if (value instanceof tf.Tensor) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => v instanceof tf.Tensor)) return value as tf.Tensor[];
  if (ArrayBuffer.isView(value) || Array.isArray(value)) {
    let tensor: tf.Tensor;
    try {
      tensor = tf.tensor(value as tf.TensorLike);
    } catch (cause) {
      throw new ValueError(`Could not convert ${what} to a tensor: ${(cause as Error).message}`, { cause });
    }
    created.push(tensor);
    return [tensor];
  }
  if (typeof value === 'object' && value !== null) {
    const tensors = Object.values(value);
    if (tensors.every((v) => v instanceof tf.Tensor)) return tensors as tf.Tensor[];
  }
  throw new ValueError(
    `Unrecognized data type for ${what}: expected a tensor, an array of tensors, a nested array or typed array, or a Dataset; received ${describe(value)}.`,
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}

/** Keras's check that x, y and sample weights hold the same number of samples. */
export function checkCardinality(groups: Array<{ name: string; tensors: tf.Tensor[] }>): number {
  const sizes = groups.map((g) => ({ name: g.name, sizes: g.tensors.map((t) => t.shape[0]) }));
  const all = sizes.flatMap((s) => s.sizes);
  if (all.some((n) => n !== all[0])) {
    const detail = sizes.map((s) => `'${s.name}' sizes: ${s.sizes.join(', ')}`).join('\n');
    throw new ValueError(
      `Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n${detail}`,
    );
  }
  return all[0] ?? 0;
}

/** A seeded Fisher-Yates shuffle of 0..n-1 (mulberry32), so that a seed reproduces a run. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const indices = new Int32Array(n);
  for (let i = 0; i < n; i++) indices[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = indices[i];
    indices[i] = indices[j];
    indices[j] = swap;
  }
  return indices;
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits a dataset batch element into x, y and sample weights: `[x, y]`, `[x, y, w]`, `{x, y}` or a bare x. */
export function unpackBatch(element: unknown): { x: tf.Tensor[]; y: tf.Tensor[] | null; sampleWeight: tf.Tensor | null } {
  const asList = (v: unknown): tf.Tensor[] => (Array.isArray(v) ? (v as tf.Tensor[]) : [v as tf.Tensor]);
  if (element instanceof tf.Tensor) return { x: [element], y: null, sampleWeight: null };
  if (Array.isArray(element)) {
    return {
      x: asList(element[0]),
      y: element.length > 1 ? asList(element[1]) : null,
      sampleWeight: (element[2] as tf.Tensor | undefined) ?? null,
    };
  }
  if (typeof element === 'object' && element !== null && 'x' in element) {
    const e = element as { x: unknown; y?: unknown; sampleWeight?: tf.Tensor };
    return { x: asList(e.x), y: e.y === undefined ? null : asList(e.y), sampleWeight: e.sampleWeight ?? null };
  }
  throw new ValueError('A Dataset given to fit/evaluate/predict must yield tensors, [x, y], [x, y, sampleWeight] or {x, y}.');
}
