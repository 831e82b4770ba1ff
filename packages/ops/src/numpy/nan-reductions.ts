import * as tf from '@tensorflow/tfjs-core';
import { normalizeAxes, normalizeAxis } from '../core/axis';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type QuantileOptions, quantileOf } from './quantile-core';
import { allAlong, anyAlong, prodAlong, sumAlong } from './reduce-safe';
import { type ArgOptions, type ReductionOptions, argExtreme, requireNonEmptyAxes } from './reductions';

// NumPy's nan* reductions: NaN elements are left out. Int and bool inputs have no NaN and reduce as the plain op.

function nanReduction(name: string, body: (x: tf.Tensor, nan: tf.Tensor, axes: number[], keepdims: boolean) => tf.Tensor) {
  return defineOp({ name, module: 'numpy' }, (x: TensorLike, options: ReductionOptions = {}): tf.Tensor =>
    tf.tidy(() => {
      const tensor = toTensor(x);
      const nan = tensor.dtype === 'float32' ? tf.isNaN(tensor) : tf.fill(tensor.shape, 0, 'bool');
      return body(tensor, nan, normalizeAxes(options.axis, tensor.rank), options.keepdims ?? false);
    }),
  );
}

function replaceNan(x: tf.Tensor, nan: tf.Tensor, value: number): tf.Tensor {
  return x.dtype === 'float32' ? tf.where(nan, tf.fill(x.shape, value), x) : x;
}

function integerOrFloat(x: tf.Tensor): tf.Tensor {
  return x.dtype === 'bool' ? tf.cast(x, 'int32') : x;
}

/** `ops.nansum(x, {axis, keepdims})`: the sum of the non-NaN elements (0 for none). */
export const nansum = /* @__PURE__ */ nanReduction('nansum', (x, nan, axes, keepdims) => sumAlong(integerOrFloat(replaceNan(x, nan, 0)), axes, keepdims));

/** `ops.nanprod(x, {axis, keepdims})`: the product of the non-NaN elements (1 for none). */
export const nanprod = /* @__PURE__ */ nanReduction('nanprod', (x, nan, axes, keepdims) => prodAlong(integerOrFloat(replaceNan(x, nan, 1)), axes, keepdims));

function nanExtreme(name: string, largest: boolean) {
  return nanReduction(name, (x, nan, axes, keepdims) => {
    requireNonEmptyAxes(name, x, axes);
    if (x.dtype === 'bool') return largest ? anyAlong(x, axes, keepdims) : allAlong(x, axes, keepdims);
    const filled = replaceNan(x, nan, largest ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
    const picked = largest ? tf.max(filled, axes, keepdims) : tf.min(filled, axes, keepdims);
    if (x.dtype !== 'float32') return picked;
    return tf.where(allAlong(nan, axes, keepdims), tf.fill(picked.shape, Number.NaN), picked);
  });
}

/** `ops.nanmax(x, {axis, keepdims})`: the largest non-NaN element; NaN for an all-NaN slice. */
export const nanmax = /* @__PURE__ */ nanExtreme('nanmax', true);
/** `ops.nanmin(x, {axis, keepdims})`: the smallest non-NaN element; NaN for an all-NaN slice. */
export const nanmin = /* @__PURE__ */ nanExtreme('nanmin', false);

/** The mean of the non-NaN elements of a float32 tensor; NaN (0 / 0) for an all-NaN slice. */
function nanMeanAlong(x: tf.Tensor, nan: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  const count = sumAlong(tf.cast(tf.logicalNot(nan), 'float32'), axes, keepdims);
  return tf.div(sumAlong(replaceNan(x, nan, 0), axes, keepdims), count);
}

function nanVarianceAlong(x: tf.Tensor, nan: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  const values = tf.cast(x, 'float32');
  const centered = tf.sub(values, nanMeanAlong(values, nan, axes, true));
  return nanMeanAlong(tf.square(centered), nan, axes, keepdims);
}

/** `ops.nanmean(x, {axis, keepdims})`: float32 mean of the non-NaN elements. */
export const nanmean = /* @__PURE__ */ nanReduction('nanmean', (x, nan, axes, keepdims) => nanMeanAlong(tf.cast(x, 'float32'), nan, axes, keepdims));
/** `ops.nanvar(x, {axis, keepdims})`: population variance of the non-NaN elements. */
export const nanvar = /* @__PURE__ */ nanReduction('nanvar', nanVarianceAlong);
/** `ops.nanstd(x, {axis, keepdims})`: population standard deviation of the non-NaN elements. */
export const nanstd = /* @__PURE__ */ nanReduction('nanstd', (x, nan, axes, keepdims) => tf.sqrt(nanVarianceAlong(x, nan, axes, keepdims)));

function nanArgExtreme(name: string, largest: boolean) {
  return defineOp({ name, module: 'numpy' }, (x: TensorLike, options: ArgOptions = {}): tf.Tensor =>
    tf.tidy(() => {
      const tensor = toTensor(x);
      if (tensor.dtype !== 'float32') return argExtreme(name, tensor, options, largest);
      const nan = tf.isNaN(tensor);
      const filled = tf.where(nan, tf.fill(tensor.shape, largest ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY), tensor);
      const index = argExtreme(name, filled, options, largest);
      // Keras answers -1 for an all-NaN slice rather than raising as NumPy does.
      const flat = options.axis === null || options.axis === undefined;
      const allNan = flat ? allAlong(nan, normalizeAxes(null, tensor.rank), false) : allAlong(nan, [normalizeAxis(options.axis as number, tensor.rank)], options.keepdims ?? false);
      return tf.where(tf.reshape(allNan, flat ? index.shape : allNan.shape), tf.fill(index.shape, -1, 'int32'), index);
    }),
  );
}

/** `ops.nanargmax(x, {axis, keepdims})`: index of the largest non-NaN element; -1 for an all-NaN slice. */
export const nanargmax = /* @__PURE__ */ nanArgExtreme('nanargmax', true);
/** `ops.nanargmin(x, {axis, keepdims})`: index of the smallest non-NaN element; -1 for an all-NaN slice. */
export const nanargmin = /* @__PURE__ */ nanArgExtreme('nanargmin', false);

/** `ops.nanmedian(x, {axis, keepdims})`: the median of the non-NaN elements, in float32. */
export const nanmedian = /* @__PURE__ */ defineOp({ name: 'nanmedian', module: 'numpy' }, function nanmedian(x: TensorLike, options: ReductionOptions = {}): tf.Tensor {
  return quantileOf('nanmedian', x, 0.5, options, true);
});

/** `ops.nanquantile(x, q, {axis, method, keepdims})`: `quantile` of the non-NaN elements. */
export const nanquantile = /* @__PURE__ */ defineOp(
  { name: 'nanquantile', module: 'numpy' },
  function nanquantile(x: TensorLike, q: TensorLike, options: QuantileOptions = {}): tf.Tensor {
    return quantileOf('nanquantile', x, q, options, true);
  },
);

/** `ops.nanpercentile(x, q, {axis, method, keepdims})`: `percentile` of the non-NaN elements. */
export const nanpercentile = /* @__PURE__ */ defineOp(
  { name: 'nanpercentile', module: 'numpy' },
  function nanpercentile(x: TensorLike, q: TensorLike, options: QuantileOptions = {}): tf.Tensor {
    return quantileOf('nanpercentile', x, q, options, true, 100);
  },
);
