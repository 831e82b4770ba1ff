import * as tf from '@tensorflow/tfjs-core';
import { type UnaryOp, copyOf, unaryOp } from './elementwise';

// Strata's tensors are real (tfjs's complex64 is refused by `toTensor`), so these are the real-input cases of
// NumPy's complex functions: the real part is the value, the imaginary part zero, the conjugate the value itself.

/** `ops.real(x)`: the real part; for a real tensor, a copy of it. */
export const real: UnaryOp = /* @__PURE__ */ unaryOp('real', copyOf);
/** `ops.imag(x)`: the imaginary part; zeros of the same dtype for a real tensor, as NumPy and Keras's jax backend give. */
export const imag: UnaryOp = /* @__PURE__ */ unaryOp('imag', (x) => tf.zerosLike(x));
/** `ops.conj(x)`: the complex conjugate; for a real tensor, a copy of it. */
export const conj: UnaryOp = /* @__PURE__ */ unaryOp('conj', copyOf);
/** `ops.conjugate(x)`: the same as `conj`. */
export const conjugate: UnaryOp = /* @__PURE__ */ unaryOp('conjugate', copyOf);

/** `ops.angle(x)`: the argument in radians, in float32: pi for negative reals, 0 otherwise (-0 too, as on torch), NaN for NaN. */
export const angle: UnaryOp = /* @__PURE__ */ unaryOp('angle', (x) => {
  const values = tf.cast(x, 'float32');
  const angles = tf.where(tf.less(values, 0), tf.fill(values.shape, Math.PI), tf.zerosLike(values));
  return tf.where(tf.isNaN(values), values, angles);
});

/** `ops.isreal(x)`: whether each element has a zero imaginary part: all true for a real tensor. */
export const isreal: UnaryOp = /* @__PURE__ */ unaryOp('isreal', (x) => tf.fill(x.shape, 1, 'bool'));
