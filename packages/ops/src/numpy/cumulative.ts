import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, standardizeDtype, toTensor } from '../core/tensor-like';

export interface CumulativeOptions {
  /** The axis to accumulate along; null (the default) accumulates the flattened tensor. */
  axis?: number | null;
  /** The dtype to accumulate in; by default bool and int inputs give int32 and floats stay float32. */
  dtype?: string | null;
}

type Accumulate = (x: tf.Tensor, axis: number) => tf.Tensor;

function cumulative(name: string, accumulate: Accumulate, nanIdentity: number | null) {
  return defineOp({ name, module: 'numpy' }, (x: TensorLike, options: CumulativeOptions = {}): tf.Tensor =>
    tf.tidy(() => {
      const tensor = toTensor(x);
      const flat = options.axis === null || options.axis === undefined;
      const input = flat ? tf.reshape(tensor, [-1]) : tensor;
      const axis = flat ? 0 : normalizeAxis(options.axis as number, tensor.rank);
      const dtype = options.dtype ? standardizeDtype(options.dtype) : input.dtype === 'bool' ? 'int32' : input.dtype;
      let values = tf.cast(input, dtype);
      // The nan* variants treat NaN as the operation's identity: 0 for sums, 1 for products.
      if (nanIdentity !== null && values.dtype === 'float32') values = tf.where(tf.isNaN(values), tf.fill(values.shape, nanIdentity), values);
      return values.size === 0 ? values : accumulate(values, axis);
    }),
  );
}

/**
 * Running products as a log-depth scan (Hillis and Steele): after step k each element holds the product of the
 * 2^k elements ending at it. Built from slices, pads and products, it has a gradient, which tfjs's Cumprod lacks.
 */
function cumulativeProduct(x: tf.Tensor, axis: number): tf.Tensor {
  const length = x.shape[axis];
  let result = x;
  for (let span = 1; span < length; span *= 2) {
    const begin = x.shape.map(() => 0);
    const size = x.shape.map((d, i) => (i === axis ? length - span : d));
    const padding = x.shape.map((_, i): [number, number] => (i === axis ? [span, 0] : [0, 0]));
    result = tf.mul(result, tf.pad(tf.slice(result, begin, size), padding, 1));
  }
  return result;
}

/** `ops.cumsum(x, {axis, dtype})`: running sums; the flattened tensor when `axis` is null. */
export const cumsum = /* @__PURE__ */ cumulative('cumsum', (x, axis) => tf.cumsum(x, axis), null);
/** `ops.cumprod(x, {axis, dtype})`: running products. */
export const cumprod = /* @__PURE__ */ cumulative('cumprod', cumulativeProduct, null);
/** `ops.nancumsum(x, {axis, dtype})`: running sums that skip NaN. */
export const nancumsum = /* @__PURE__ */ cumulative('nancumsum', (x, axis) => tf.cumsum(x, axis), 0);
/** `ops.nancumprod(x, {axis, dtype})`: running products that skip NaN. */
export const nancumprod = /* @__PURE__ */ cumulative('nancumprod', cumulativeProduct, 1);
