// keras.ops.numpy's vectorize: NumPy's vectorize (a function over elements, or over core dimensions named by a
// gufunc signature, applied across broadcast loop dimensions), run as a loop of tensor calls.
import * as tf from '@tensorflow/tfjs-core';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastShapes } from './array-helpers';

export interface VectorizeOptions {
  /** Positions of arguments passed to the function unchanged, not vectorized. */
  excluded?: number[] | null;
  /** A gufunc signature such as `"(m,n),(n)->(m)"` naming each argument's and the result's core dimensions. */
  signature?: string | null;
}

type Result = tf.Tensor | tf.Tensor[];

function parseSignature(signature: string): [string[][], string[][]] {
  const match = /^\s*(.*?)\s*->\s*(.*?)\s*$/.exec(signature);
  const groups = (text: string) => [...text.matchAll(/\(([^()]*)\)/g)].map((m) => m[1].split(',').map((d) => d.trim()).filter((d) => d.length > 0));
  if (match === null) throw new RangeError(`ops.vectorize: signature "${signature}" is not of the form "(i),(j)->(k)".`);
  return [groups(match[1]), groups(match[2])];
}

/**
 * `ops.vectorize(pyfunc, {excluded, signature})`: returns a function that applies `pyfunc` to every element (or
 * every core slice, per the signature) of its broadcast tensor arguments and stacks the results. `pyfunc` gets
 * tensors and returns a tensor (or a list of them, one per output of the signature).
 */
export function vectorize(pyfunc: (...args: any[]) => Result, options: VectorizeOptions = {}): (...args: unknown[]) => Result {
  if (typeof pyfunc !== 'function') throw new TypeError(`ops.vectorize expects a function; received ${typeof pyfunc}.`);
  const excluded = new Set(options.excluded ?? []);
  const [inputCores, outputCores] = options.signature ? parseSignature(options.signature) : [null, null];
  return (...args: unknown[]): Result =>
    tf.tidy(() => {
      const vectorized = args.map((_, i) => i).filter((i) => !excluded.has(i));
      if (inputCores !== null && inputCores.length !== vectorized.length) {
        throw new RangeError(`ops.vectorize: the signature names ${inputCores.length} inputs; received ${vectorized.length}.`);
      }
      const tensors = vectorized.map((i) => toTensor(args[i] as TensorLike));
      const cores = tensors.map((_, j) => (inputCores === null ? 0 : inputCores[j].length));
      const sizes = new Map<string, number>();
      tensors.forEach((t, j) => {
        if (t.rank < cores[j]) throw new RangeError(`ops.vectorize: argument ${vectorized[j]} has ${t.rank} dimensions, fewer than its ${cores[j]} core dimensions.`);
        (inputCores?.[j] ?? []).forEach((name, d) => {
          const size = t.shape[t.rank - cores[j] + d];
          if ((sizes.get(name) ?? size) !== size) throw new RangeError(`ops.vectorize: core dimension "${name}" has sizes ${sizes.get(name)} and ${size}.`);
          sizes.set(name, size);
        });
      });
      const loop = tensors.reduce<number[]>((shape, t, j) => broadcastShapes(shape, t.shape.slice(0, t.rank - cores[j]), 'vectorize'), []);
      const count = loop.reduce((p, d) => p * d, 1);
      const flat = tensors.map((t, j) => tf.reshape(tf.broadcastTo(t, [...loop, ...t.shape.slice(t.rank - cores[j])]), [count, ...t.shape.slice(t.rank - cores[j])]));
      const results: tf.Tensor[][] = [];
      for (let i = 0; i < count; i++) {
        const call = [...args];
        vectorized.forEach((position, j) => {
          call[position] = tf.squeeze(tf.slice(flat[j], [i, ...flat[j].shape.slice(1).map(() => 0)], [1, ...flat[j].shape.slice(1)]), [0]);
        });
        const out = pyfunc(...call);
        results.push((Array.isArray(out) ? out : [out]).map((t) => toTensor(t)));
      }
      if (count === 0) throw new RangeError('ops.vectorize cannot infer the result of a function over zero elements.');
      const outputs = results[0].map((first, k) => {
        if (outputCores !== null && outputCores[k] !== undefined && first.rank !== outputCores[k].length) {
          throw new RangeError(`ops.vectorize: output ${k} has ${first.rank} dimensions; the signature names ${outputCores[k].length}.`);
        }
        return tf.reshape(tf.stack(results.map((r) => r[k])), [...loop, ...first.shape]);
      });
      return outputs.length === 1 && !(outputCores !== null && outputCores.length > 1) ? outputs[0] : outputs;
    });
}
