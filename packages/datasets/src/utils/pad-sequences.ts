import * as tf from '@tensorflow/tfjs-core';

/** A sequence: its steps are numbers, or equally shaped arrays of numbers (features per step). */
export type Sequence = ArrayLike<number> | ReadonlyArray<unknown>;

export interface PadSequencesOptions {
  /** Length of every output sequence; default: the longest input. */
  maxlen?: number | null;
  /** Output dtype; Keras's default is int32, where values are truncated toward zero as NumPy's cast does. */
  dtype?: 'int32' | 'float32';
  /** Pad at the start ('pre', Keras's default) or at the end ('post'). */
  padding?: 'pre' | 'post';
  /** Drop steps from the start ('pre', default) or the end ('post') of sequences longer than `maxlen`. */
  truncating?: 'pre' | 'post';
  /** The padding value. Default 0. */
  value?: number;
}

/** The shape of one step (`[]` for scalars) and its numbers in row-major order. */
function flattenStep(step: unknown, position: string): { shape: number[]; values: number[] } {
  if (typeof step === 'number') return { shape: [], values: [step] };
  if (step !== null && typeof step === 'object' && 'length' in step) {
    const items = Array.from(step as ArrayLike<unknown>);
    const parts = items.map((item, i) => flattenStep(item, `${position}[${i}]`));
    const inner = parts[0]?.shape ?? [];
    for (const part of parts) {
      if (!tf.util.arraysEqual(part.shape, inner)) {
        throw new Error(`padSequences found a ragged step at ${position}: its items have shapes [${inner}] and [${part.shape}].`);
      }
    }
    return { shape: [items.length, ...inner], values: parts.flatMap((part) => part.values) };
  }
  throw new Error(`padSequences expects numbers or arrays of numbers, received ${String(step)} at ${position}.`);
}

/**
 * `keras.utils.pad_sequences`: a list of sequences of different lengths as one
 * `(count, maxlen, ...stepShape)` tensor, padded with `value` and truncated
 * to `maxlen` at the chosen ends. The step shape is taken from the first
 * non-empty sequence and every other sequence must match it; empty
 * sequences give rows of padding.
 */
export function padSequences(sequences: ReadonlyArray<Sequence>, options: PadSequencesOptions = {}): tf.Tensor {
  const { dtype = 'int32', padding = 'pre', truncating = 'pre', value = 0 } = options;
  if (!Array.isArray(sequences)) {
    throw new Error(`padSequences expects an array of sequences, received ${typeof sequences}.`);
  }
  for (const [name, option] of [['padding', padding], ['truncating', truncating]] as const) {
    if (option !== 'pre' && option !== 'post') {
      throw new Error(`padSequences expects ${name} 'pre' or 'post', received '${String(option)}'.`);
    }
  }
  const steps = sequences.map((sequence, i) => {
    if (sequence === null || typeof sequence !== 'object' || !('length' in sequence)) {
      throw new Error(`padSequences expects a list of sequences (arrays), found ${String(sequence)} at position ${i}.`);
    }
    return Array.from(sequence as ArrayLike<unknown>, (step, t) => flattenStep(step, `sequence ${i}, step ${t}`));
  });
  const stepShape = steps.find((sequence) => sequence.length > 0)?.[0].shape ?? [];
  const maxlen = options.maxlen ?? Math.max(0, ...steps.map((sequence) => sequence.length));
  if (!Number.isInteger(maxlen) || maxlen < 0) {
    throw new Error(`padSequences expects maxlen to be a non-negative integer, received ${maxlen}.`);
  }
  const stepSize = stepShape.reduce((a, b) => a * b, 1);
  const cast = dtype === 'int32' ? Math.trunc : (x: number) => x;
  const output = (dtype === 'int32' ? new Int32Array(sequences.length * maxlen * stepSize) : new Float32Array(sequences.length * maxlen * stepSize)).fill(
    cast(value),
  );
  steps.forEach((sequence, i) => {
    if (sequence.length === 0) return;
    const kept = sequence.length <= maxlen ? sequence : truncating === 'pre' ? sequence.slice(sequence.length - maxlen) : sequence.slice(0, maxlen);
    const offset = padding === 'post' ? 0 : maxlen - kept.length;
    kept.forEach((step, t) => {
      if (!tf.util.arraysEqual(step.shape, stepShape)) {
        throw new Error(
          `padSequences: the steps of sequence ${i} have shape [${step.shape}], but the first non-empty sequence's steps have shape [${stepShape}].`,
        );
      }
      const start = (i * maxlen + offset + t) * stepSize;
      for (let k = 0; k < stepSize; k++) output[start + k] = cast(step.values[k]);
    });
  });
  return tf.tensor(output, [sequences.length, maxlen, ...stepShape], dtype);
}
