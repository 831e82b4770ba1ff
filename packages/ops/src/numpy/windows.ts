import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';

// NumPy's window functions. They take a length, not a tensor, so they are computed in float64 JavaScript numbers
// and returned as one float32 tensor.

function windowLength(op: string, x: number): number {
  if (!Number.isInteger(x)) throw new TypeError(`${op}: the window length must be an integer; received ${x}.`);
  return Math.max(x, 0);
}

function window(name: string, point: (n: number, last: number) => number) {
  return defineOp({ name, module: 'numpy' }, (x: number): tf.Tensor => {
    const length = windowLength(name, x);
    if (length === 1) return tf.ones([1]);
    const values = new Float32Array(length);
    for (let n = 0; n < length; n++) values[n] = point(n, length - 1);
    return tf.tensor1d(values, 'float32');
  });
}

/** `ops.bartlett(x)`: the triangular window of length `x`. */
export const bartlett = /* @__PURE__ */ window('bartlett', (n, last) => 1 - Math.abs((2 * n) / last - 1));
/** `ops.blackman(x)`: the Blackman window. */
export const blackman = /* @__PURE__ */ window(
  'blackman',
  (n, last) => 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / last) + 0.08 * Math.cos((4 * Math.PI * n) / last),
);
/** `ops.hamming(x)`: the Hamming window. */
export const hamming = /* @__PURE__ */ window('hamming', (n, last) => 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / last));
/** `ops.hanning(x)`: the Hann window. */
export const hanning = /* @__PURE__ */ window('hanning', (n, last) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / last));

/** The modified Bessel function I0 by its power series, which converges for every real argument. */
function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 500 && term > sum * 1e-17; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

/** `ops.kaiser(x, beta)`: the Kaiser window of length `x` and shape `beta`. */
export const kaiser = /* @__PURE__ */ defineOp({ name: 'kaiser', module: 'numpy' }, function kaiser(x: number, beta: number): tf.Tensor {
  const length = windowLength('kaiser', x);
  if (length === 1) return tf.ones([1]);
  const values = new Float32Array(length);
  const last = length - 1;
  for (let n = 0; n < length; n++) {
    const ratio = (2 * n) / last - 1;
    values[n] = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / besselI0(beta);
  }
  return tf.tensor1d(values, 'float32');
});
