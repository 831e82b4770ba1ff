// keras.ops.numpy's evenly spaced values: linspace, logspace, geomspace, and meshgrid's coordinate grids.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type OpsDtype, type TensorLike, toTensor } from '../core/tensor-like';
import { castTo, dtypeOr, isOptions } from './array-helpers';

export interface SpaceOptions {
  /** Number of values. Default 50. */
  num?: number;
  /** Whether `stop` is the last value. Default true. */
  endpoint?: boolean;
  dtype?: string | null;
  /** Only 0 is supported, as on Keras's torch backend. */
  axis?: number;
}

export interface LinspaceOptions extends SpaceOptions {
  /** Also return the spacing between values. Default false. */
  retstep?: boolean;
}

function checkSpace(op: string, options: SpaceOptions): number {
  if ((options.axis ?? 0) !== 0) throw new RangeError(`ops.${op} supports only axis=0 (as Keras's torch backend); received axis=${options.axis}.`);
  const num = options.num ?? 50;
  if (!Number.isInteger(num) || num < 0) throw new RangeError(`ops.${op} expects a non-negative integer num; received ${num}.`);
  return num;
}

/** `num` values from `start` along the rows of a new first axis, as `start + (i / (num - 1)) * (stop - start)`. */
function spaced(start: tf.Tensor, stop: tf.Tensor, num: number): tf.Tensor {
  const steps = tf.reshape(tf.div(tf.range(0, num, 1, 'float32'), num - 1), [num, ...start.shape.map(() => 1)]);
  return tf.add(tf.expandDims(start, 0), tf.mul(steps, tf.expandDims(tf.sub(stop, start), 0)));
}

/** Values of a scalar linspace computed in double precision, the way torch.linspace splits from both ends. */
function scalarSpace(start: number, stop: number, num: number): number[] {
  if (num === 1) return [start];
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i < num / 2 ? start + i * step : stop - (num - 1 - i) * step));
}

/**
 * `ops.linspace(start, stop, {num, endpoint, retstep, dtype, axis})`: float32 unless a dtype is given. With
 * `retstep`, returns `[values, step]` (step a number for number bounds, NaN when num ≤ 1).
 */
export const linspace = /* @__PURE__ */ defineOp({ name: 'linspace', module: 'numpy' }, function linspace(start: TensorLike, stop: TensorLike, options: LinspaceOptions = {}): tf.Tensor | [tf.Tensor, number | tf.Tensor] {
  const num = checkSpace('linspace', options);
  const endpoint = options.endpoint ?? true;
  const dtype = dtypeOr(options.dtype, resultType(start, stop, 0.5));
  if (typeof start === 'number' && typeof stop === 'number') {
    const step = endpoint ? (num > 1 ? (stop - start) / (num - 1) : Number.NaN) : num > 0 ? (stop - start) / num : Number.NaN;
    const end = !endpoint && num > 1 ? stop - (stop - start) / num : stop;
    const values = tf.tidy(() => castTo(tf.tensor1d(scalarSpace(start, end, num), 'float32'), dtype));
    return options.retstep ? [values, step] : values;
  }
  return tf.tidy(() => {
    const from = toTensor(start, 'float32');
    let to = toTensor(stop, 'float32');
    const step = endpoint ? tf.div(tf.sub(to, from), num - 1) : tf.div(tf.sub(to, from), num);
    if (!endpoint) to = tf.sub(to, step);
    const values = castTo(spaced(from, to, num), dtype);
    return options.retstep ? ([values, castTo(step, dtype)] as [tf.Tensor, tf.Tensor]) : values;
  });
});

export interface LogspaceOptions extends SpaceOptions {
  /** The base of the log space. Default 10. */
  base?: number;
}

/** `ops.logspace(start, stop, {num, endpoint, base, dtype, axis})`: `base ** linspace(start, stop)`. */
export const logspace = /* @__PURE__ */ defineOp({ name: 'logspace', module: 'numpy' }, function logspace(start: TensorLike, stop: TensorLike, options: LogspaceOptions = {}): tf.Tensor {
  const num = checkSpace('logspace', options);
  const base = options.base ?? 10;
  const dtype = dtypeOr(options.dtype, resultType(start, stop, 0.5));
  if (typeof start === 'number' && typeof stop === 'number') {
    const end = options.endpoint === false ? stop - (stop - start) / num : stop;
    const values = scalarSpace(start, end, num).map((exponent) => base ** exponent);
    return tf.tidy(() => castTo(tf.tensor1d(values, 'float32'), dtype));
  }
  return tf.tidy(() => {
    const from = toTensor(start, 'float32');
    let to = toTensor(stop, 'float32');
    if (options.endpoint === false) to = tf.sub(to, tf.div(tf.sub(to, from), num));
    return castTo(tf.pow(tf.scalar(base), spaced(from, to, num)), dtype);
  });
});

/**
 * `ops.geomspace(start, stop, {num, endpoint, dtype, axis})`: a geometric progression from `start` to `stop`
 * (same sign), computed as Keras does: `sign(start) * 10 ** linspace(log10|start|, log10|stop|)`.
 */
export const geomspace = /* @__PURE__ */ defineOp({ name: 'geomspace', module: 'numpy' }, function geomspace(start: TensorLike, stop: TensorLike, options: SpaceOptions = {}): tf.Tensor {
  const num = checkSpace('geomspace', options);
  const dtype = dtypeOr(options.dtype, resultType(start, stop, 0.5));
  return tf.tidy(() => {
    const from = toTensor(start, 'float32');
    const to = toTensor(stop, 'float32');
    const logFrom = tf.div(tf.log(tf.abs(from)), Math.LN10);
    let logTo = tf.div(tf.log(tf.abs(to)), Math.LN10);
    if (options.endpoint === false) logTo = tf.sub(logTo, tf.div(tf.sub(logTo, logFrom), num));
    const values = tf.pow(tf.scalar(10), spaced(logFrom, logTo, num));
    return castTo(tf.mul(values, tf.sign(from)), dtype);
  });
});

export interface MeshgridOptions {
  /** `"xy"` (Cartesian, the default: the first two output axes swapped) or `"ij"` (matrix indexing). */
  indexing?: 'xy' | 'ij';
}

/**
 * `ops.meshgrid(...xs, {indexing})`: one grid per 1-D input, each broadcast to the grid's shape. The inputs must
 * share a dtype, as on Keras's torch backend.
 */
export const meshgrid = /* @__PURE__ */ defineOp({ name: 'meshgrid', module: 'numpy' }, function meshgrid(...args: Array<TensorLike | MeshgridOptions>): tf.Tensor[] {
  const options: MeshgridOptions = isOptions(args[args.length - 1]) ? (args.pop() as MeshgridOptions) : {};
  const indexing = options.indexing ?? 'xy';
  if (indexing !== 'xy' && indexing !== 'ij') throw new RangeError(`ops.meshgrid expects indexing "xy" or "ij"; received "${indexing}".`);
  return tf.tidy(() => {
    const xs = (args as TensorLike[]).map((x) => tf.reshape(toTensor(x), [-1]));
    const dtypes = new Set<OpsDtype>(xs.map((x) => x.dtype as OpsDtype));
    if (dtypes.size > 1) throw new TypeError(`ops.meshgrid expects inputs of one dtype; received ${[...dtypes].join(' and ')}.`);
    const lengths = xs.map((x) => x.size);
    const order = xs.map((_, i) => i);
    if (indexing === 'xy' && xs.length > 1) [order[0], order[1]] = [order[1], order[0]];
    const gridShape = order.map((i) => lengths[i]);
    return xs.map((x, i) => {
      const position = order.indexOf(i);
      const shape = gridShape.map((dim, axis) => (axis === position ? dim : 1));
      return tf.broadcastTo(tf.reshape(x, shape), gridShape).clone();
    });
  });
});
