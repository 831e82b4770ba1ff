import * as tf from '@tensorflow/tfjs-core';
import { Input } from '../core/input-layer';
import type { SymbolicTensor } from '../engine/symbolic-tensor';

export type InputDtype = 'float32' | 'int32' | 'string';

/** One input (a batch shape) or several (a list of batch shapes), as Keras's `input_shape`. */
export type InputShapes = number[] | number[][];

export function isShapeListOf(shape: InputShapes): shape is number[][] {
  return Array.isArray(shape[0]);
}

/** Deterministic random inputs: floats in [-1, 1), integers in [0, maxValue). */
export function randomInput(shape: number[], dtype: InputDtype = 'float32', maxValue = 10, seed = 1): tf.Tensor {
  if (dtype === 'string') throw new Error('randomInput cannot make string inputs; give the spec inputData with the strings.');
  return dtype === 'int32'
    ? tf.tidy(() => tf.cast(tf.floor(tf.randomUniform(shape, 0, maxValue, 'float32', seed)), 'int32'))
    : tf.randomUniform(shape, -1, 1, 'float32', seed);
}

/** Keras's create_eager_tensors: one tensor per shape, each from its own seed. */
export function eagerInputs(shapes: InputShapes, dtypes: InputDtype | InputDtype[], maxValue?: number): tf.Tensor | tf.Tensor[] {
  const dtypeOf = (i: number) => (Array.isArray(dtypes) ? dtypes[i] : dtypes);
  if (isShapeListOf(shapes)) return shapes.map((shape, i) => randomInput(shape, dtypeOf(i), maxValue, i + 1));
  return randomInput(shapes, dtypeOf(0), maxValue);
}

/** Keras's create_keras_tensors: symbolic inputs with the batch dimension unknown. */
export function symbolicInputs(inputs: tf.Tensor | tf.Tensor[]): SymbolicTensor | SymbolicTensor[] {
  const one = (t: tf.Tensor) => Input({ shape: t.shape.slice(1), dtype: t.dtype });
  return Array.isArray(inputs) ? inputs.map(one) : one(inputs);
}

export function listOf<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
