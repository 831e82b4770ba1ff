import * as tf from '@tensorflow/tfjs-core';
import { KerasFileError, type WeightArray } from '../types';

/**
 * Between the file layer's neutral arrays and tfjs tensors. tfjs has float32
 * and int32 only, so float64 narrows to float32 and 64-bit integers (the
 * optimizer's `iteration` on TensorFlow) to int32, refused when they do not fit.
 */

/**
 * A tensor's values as a WeightArray; the caller keeps the tensor. Read asynchronously: webgpu in Node has
 * no synchronous readback (`dataSync` there needs an OffscreenCanvas), and saving is async anyway.
 */
export async function weightArrayOf(tensor: tf.Tensor): Promise<WeightArray> {
  const shape = [...tensor.shape];
  if (tensor.dtype === 'float32') return { shape, dtype: 'float32', data: Float32Array.from((await tensor.data()) as Float32Array) };
  if (tensor.dtype === 'int32' || tensor.dtype === 'bool') return { shape, dtype: 'int32', data: Int32Array.from((await tensor.data()) as Int32Array | Uint8Array) };
  throw new KerasFileError(`Cannot save a ${tensor.dtype} variable of shape [${shape}]: Keras weight files hold numbers.`);
}

/** The values of `array` as a tensor of `dtype`, ready to assign to a variable of that dtype. */
export function tensorOf(array: WeightArray, dtype: tf.DataType, label: string): tf.Tensor {
  const values = dtype === 'int32' ? toInt32(array, label) : Float32Array.from(numbersOf(array));
  return tf.tensor(values, array.shape, dtype === 'int32' ? 'int32' : 'float32');
}

function numbersOf(array: WeightArray): ArrayLike<number> {
  const { data } = array;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Array.from(data, Number);
  return data;
}

function toInt32(array: WeightArray, label: string): Int32Array {
  const result = new Int32Array(array.data.length);
  array.data.forEach((value: number | bigint, i: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < -(2 ** 31) || number >= 2 ** 31) {
      throw new KerasFileError(`${label}: value ${String(value)} does not fit in an int32 variable.`);
    }
    result[i] = number;
  });
  return result;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

export function formatShape(shape: readonly number[]): string {
  return `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
}
