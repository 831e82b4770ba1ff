import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { flatten, packSequenceAs } from '../core-ops/tree';

export interface JvpOptions {
  /** `fun` returns `[output, aux]`; aux is passed through untouched. Default false. */
  hasAux?: boolean;
}

/** Gradients of the scalar `f()` with respect to `xs`; zeros where `f` does not depend on an x (tfjs gives none). */
function gradientsOf(f: () => tf.Scalar, xs: tf.Tensor[]): tf.Tensor[] {
  const { grads } = tf.engine().gradients(f, xs, undefined, true);
  return xs.map((x, i) => grads[i] ?? tf.zerosLike(x));
}

/**
 * `ops.jvp(fun, primals, tangents, { hasAux })`: `[fun(...primals), J·tangents]` (and aux), the forward-mode
 * derivative of `fun` along `tangents`. tfjs has reverse mode only, so this is the exact "double VJP":
 * for u, g(u) = Jᵀu is linear in u, and the gradient of ⟨g(u), v⟩ with respect to u is J v.
 * `primals` and `tangents` are arrays of `fun`'s arguments (each may be nested); outputs may be nested.
 */
export const jvp = /* @__PURE__ */ defineOp({ name: 'jvp', module: 'linalg' }, function jvp(
  fun: (...args: any[]) => any,
  primals: unknown[],
  tangents: unknown[],
  options: JvpOptions = {},
): any[] {
  if (typeof fun !== 'function') throw new TypeError(`ops.linalg.jvp: fun must be a function; received ${String(fun)}.`);
  if (!Array.isArray(primals) || !Array.isArray(tangents)) throw new TypeError('ops.linalg.jvp: primals and tangents must be arrays of arguments.');
  const hasAux = options.hasAux ?? false;
  return tf.tidy(() => {
    const xs = flatten(primals).map((leaf) => toTensor(leaf as TensorLike));
    const vs = flatten(tangents).map((leaf) => toTensor(leaf as TensorLike));
    if (vs.length !== xs.length || vs.some((v, i) => v.shape.join() !== xs[i].shape.join())) {
      throw new RangeError('ops.linalg.jvp: tangents must have the structure and shapes of primals.');
    }
    const call = (args: tf.Tensor[]): { out: unknown; aux: unknown } => {
      const result = fun(...packSequenceAs(primals, args));
      if (!hasAux) return { out: result, aux: undefined };
      if (!Array.isArray(result) || result.length !== 2) throw new TypeError('ops.linalg.jvp: with hasAux, fun must return [output, aux].');
      return { out: result[0], aux: result[1] };
    };
    const { out, aux } = call(xs);
    const outLeaves = flatten(out).map((leaf) => toTensor(leaf as TensorLike));
    const us = outLeaves.map((leaf) => tf.zerosLike(leaf));
    const tangentsOut = gradientsOf(() => {
      const vjp = gradientsOf(() => {
        const ys = flatten(call(xs).out).map((leaf) => toTensor(leaf as TensorLike));
        return tf.addN(ys.map((y, i) => tf.sum(tf.mul(y, us[i])))) as tf.Scalar;
      }, xs);
      return tf.addN(vjp.map((g, i) => tf.sum(tf.mul(g, vs[i])))) as tf.Scalar;
    }, us);
    const result = [packSequenceAs(out, outLeaves), packSequenceAs(out, tangentsOut)];
    return hasAux ? [...result, aux] : result;
  });
});
