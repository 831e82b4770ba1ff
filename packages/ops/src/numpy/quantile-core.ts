import * as tf from '@tensorflow/tfjs-core';
import { type Axis, normalizeAxes } from '../core/axis';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastTo } from './elementwise';

/** How a quantile between two sorted elements is chosen (NumPy's and torch's `method`/`interpolation`). */
export type QuantileMethod = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

const METHODS: readonly QuantileMethod[] = ['linear', 'lower', 'higher', 'midpoint', 'nearest'];

export interface QuantileOptions {
  /** Axis or axes to reduce; null (the default) uses the flattened tensor. */
  axis?: Axis;
  /** How to choose between the two elements around the quantile. Default 'linear'. */
  method?: QuantileMethod;
  /** Keep the reduced axes with size 1. Default false. */
  keepdims?: boolean;
}

function checkProbabilities(op: string, q: TensorLike, scale: number): void {
  // Only plain numbers are checked: a tensor's values would have to be read back from the device.
  const values = typeof q === 'number' ? [q] : Array.isArray(q) ? (q as unknown[]).flat(Number.POSITIVE_INFINITY) : [];
  for (const value of values) {
    if (typeof value === 'number' && !(value >= 0 && value <= scale)) {
      throw new RangeError(`${op}: q must lie in [0, ${scale}]; received ${value}.`);
    }
  }
}

/**
 * Keras's `quantile` (and, with `ignoreNan`, `nanquantile`) on the torch backend: the reduced axes are moved last and
 * flattened, each row is sorted, and the quantiles are read from it. A q vector puts its axis first in the result.
 * NaN in a row makes its quantile NaN, unless `ignoreNan`, where only an all-NaN row does.
 */
export function quantileOf(op: string, x: TensorLike, q: TensorLike, options: QuantileOptions, ignoreNan: boolean, scale = 1): tf.Tensor {
  const method = options.method ?? 'linear';
  if (!METHODS.includes(method)) throw new TypeError(`${op}: method must be one of ${METHODS.join(', ')}; received "${method}".`);
  checkProbabilities(op, q, scale);
  return tf.tidy(() => {
    const input = toTensor(x, 'float32');
    const axes = normalizeAxes(options.axis, input.rank);
    const others = input.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const otherShape = others.map((i) => input.shape[i]);
    const length = axes.reduce((n, i) => n * input.shape[i], 1);
    // Keras (torch) refuses any empty input, even one whose reduced slices are not empty.
    if (input.size === 0) throw new RangeError(`${op}: cannot take a quantile of an empty tensor (input shape [${input.shape.join(', ')}]).`);
    const rowCount = otherShape.reduce((n, d) => n * d, 1);
    const rows = tf.reshape(tf.transpose(input, [...others, ...axes]), [rowCount, length]);

    const nan = tf.isNaN(rows);
    const filled = tf.where(nan, tf.fill(rows.shape, Number.POSITIVE_INFINITY), rows);
    const sorted = tf.neg(tf.topk(tf.neg(filled), length).values);
    const counts = ignoreNan ? tf.sum(tf.cast(tf.logicalNot(nan), 'float32'), 1, true) : tf.fill([rowCount, 1], length);
    // Each row's picks as indices into the flattened sorted rows (a batched gather is wrong on tfjs's wasm backend).
    const flatSorted = tf.reshape(sorted, [-1]);
    const rowStarts = tf.mul(tf.reshape(tf.range(0, rowCount, 1, 'int32'), [rowCount, 1]), tf.scalar(length, 'int32'));
    const pick = (index: tf.Tensor) => tf.gather(flatSorted, tf.add(index, rowStarts));

    const probabilities = tf.div(tf.reshape(toTensor(q, 'float32'), [1, -1]), scale);
    const position = tf.mul(tf.sub(counts, 1), probabilities);
    const last = tf.sub(tf.cast(counts, 'int32'), tf.scalar(1, 'int32'));
    const clampIndex = (index: tf.Tensor) => tf.maximum(tf.minimum(tf.cast(index, 'int32'), last), tf.scalar(0, 'int32'));
    const below = clampIndex(tf.floor(position));
    const above = clampIndex(tf.ceil(position));
    const lower = pick(below);
    const upper = pick(above);
    let value: tf.Tensor;
    if (method === 'lower') value = lower;
    else if (method === 'higher') value = upper;
    else if (method === 'nearest') value = pick(clampIndex(tf.round(position)));
    else {
      const weight = method === 'midpoint' ? tf.scalar(0.5) : tf.sub(position, tf.floor(position));
      // Equal neighbours (two infinities, say) are the answer as they are: the formula would give NaN.
      value = tf.where(tf.equal(lower, upper), lower, tf.add(lower, tf.mul(tf.sub(upper, lower), weight)));
    }
    const undefinedRows = ignoreNan ? tf.equal(counts, 0) : tf.any(nan, 1, true);
    value = tf.where(broadcastTo(undefinedRows, value.shape), tf.fill(value.shape, Number.NaN), value);

    const qShape = toTensor(q).shape;
    let result = tf.reshape(tf.transpose(value), [...qShape, ...otherShape]);
    if (options.keepdims) {
      const shape = [...qShape, ...input.shape.map((d, i) => (axes.includes(i) ? 1 : d))];
      result = tf.reshape(result, shape);
    }
    return result;
  });
}
