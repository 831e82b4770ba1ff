// keras.ops.numpy's pad, with the modes Keras's torch backend supports: constant, reflect, symmetric, circular.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type OpsDtype, type TensorLike, toTensor } from '../core/tensor-like';
import { castTo, gatherAxis } from './array-helpers';

/** Padding per axis: one width for every side, one [before, after] pair for every axis, or one pair per axis. */
export type PadWidth = number | [number, number] | Array<[number, number] | [number]>;

export interface PadOptions {
  /**
   * `"constant"` (the default), `"reflect"` (mirror without the edge), `"symmetric"` or `"circular"` (wrap around).
   * Keras's torch backend pads `"symmetric"` by repeating the edge value (torch's replicate), and Strata does the
   * same so that results agree; `"edge"` and NumPy's other modes are refused there and here.
   */
  mode?: 'constant' | 'reflect' | 'symmetric' | 'circular';
  /** The value of constant padding. Default 0; refused with other modes. */
  constantValues?: number | null;
}

function widths(padWidth: PadWidth, rank: number): Array<[number, number]> {
  let pairs: Array<[number, number]>;
  if (typeof padWidth === 'number') pairs = [[padWidth, padWidth]];
  else if (typeof padWidth[0] === 'number') pairs = [padWidth as [number, number]];
  else pairs = (padWidth as Array<[number, number] | [number]>).map((pair) => (pair.length === 1 ? [pair[0], pair[0]] : [pair[0], pair[1]]));
  if (pairs.length === 1) pairs = new Array(rank).fill(pairs[0]);
  if (pairs.length !== rank) throw new RangeError(`ops.pad expects one pad width per axis (${rank}); received ${JSON.stringify(padWidth)}.`);
  for (const [before, after] of pairs) {
    if (!Number.isInteger(before) || !Number.isInteger(after) || before < 0 || after < 0) {
      throw new RangeError(`ops.pad expects non-negative integer widths; received ${JSON.stringify(padWidth)}.`);
    }
  }
  return pairs;
}

/** The source position of each output position along an axis of `n` padded by `before`/`after`. */
function sourcePositions(mode: string, n: number, before: number, after: number): number[] {
  return Array.from({ length: before + n + after }, (_, i) => {
    const p = i - before;
    if (mode === 'circular') return ((p % n) + n) % n;
    if (mode === 'symmetric') return Math.min(Math.max(p, 0), n - 1);
    // reflect: mirror about the first and last elements, which are not repeated.
    const period = 2 * (n - 1);
    if (period === 0) return 0;
    const q = ((p % period) + period) % period;
    return q < n ? q : period - q;
  });
}

/** `ops.pad(x, padWidth, {mode, constantValues})`: pads x on each side of each axis. */
export const pad = /* @__PURE__ */ defineOp({ name: 'pad', module: 'numpy' }, function pad(x: TensorLike, padWidth: PadWidth, options: PadOptions = {}): tf.Tensor {
  const mode = options.mode ?? 'constant';
  if (!['constant', 'reflect', 'symmetric', 'circular'].includes(mode)) {
    throw new RangeError(`ops.pad supports modes "constant", "reflect", "symmetric" and "circular" (as Keras's torch backend); received "${mode}".`);
  }
  if (options.constantValues !== undefined && options.constantValues !== null && mode !== 'constant') {
    throw new RangeError(`ops.pad takes constantValues only with mode "constant"; received mode "${mode}".`);
  }
  return tf.tidy(() => {
    const tensor = toTensor(x);
    const pairs = widths(padWidth, tensor.rank);
    if (mode === 'constant') {
      const source = tensor.dtype === 'bool' ? tf.cast(tensor, 'int32') : tensor;
      return castTo(tf.pad(source, pairs, options.constantValues ?? 0), tensor.dtype as OpsDtype);
    }
    let out = tensor;
    pairs.forEach(([before, after], axis) => {
      if (before === 0 && after === 0) return;
      const n = out.shape[axis];
      if (n === 0 || (mode === 'reflect' && (before >= n || after >= n)) || (mode === 'circular' && (before > n || after > n))) {
        throw new RangeError(`ops.pad: ${mode} padding of (${before}, ${after}) does not fit an axis of length ${n}.`);
      }
      out = gatherAxis(out, tf.tensor1d(sourcePositions(mode, n, before, after), 'int32'), axis);
    });
    return out === tensor ? tensor.clone() : out;
  });
});
