import * as tf from '@tensorflow/tfjs-core';

// tfjs's reductions over a slice of zero elements: the cpu backend answers the identity, but the wasm backend
// leaves the output uninitialized (any([]) came back as 224, sum([]) as a denormal). These wrappers fill the
// identity themselves when a reduced axis has size 0, so every backend gives NumPy's answer.

/** The shape `x` reduces to over `axes`. */
export function reducedShape(x: tf.Tensor, axes: number[], keepdims: boolean): number[] {
  return keepdims ? x.shape.map((d, i) => (axes.includes(i) ? 1 : d)) : x.shape.filter((_, i) => !axes.includes(i));
}

function reducesNothing(x: tf.Tensor, axes: number[]): boolean {
  return axes.some((axis) => x.shape[axis] === 0);
}

/** `tf.sum`, with 0 for an empty slice. */
export function sumAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  if (reducesNothing(x, axes)) return tf.zeros(reducedShape(x, axes, keepdims), x.dtype === 'bool' ? 'int32' : x.dtype);
  return tf.sum(x, axes, keepdims);
}

/** `tf.prod`, with 1 for an empty slice. */
export function prodAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  if (reducesNothing(x, axes)) return tf.ones(reducedShape(x, axes, keepdims), x.dtype === 'bool' ? 'int32' : x.dtype);
  return tf.prod(x, axes, keepdims);
}

/** `tf.any` of a bool tensor, false for an empty slice. */
export function anyAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  if (reducesNothing(x, axes)) return tf.zeros(reducedShape(x, axes, keepdims), 'bool');
  return tf.any(x, axes, keepdims);
}

/** `tf.all` of a bool tensor, true for an empty slice (tfjs's cpu backend answers false there). */
export function allAlong(x: tf.Tensor, axes: number[], keepdims: boolean): tf.Tensor {
  if (reducesNothing(x, axes)) return tf.ones(reducedShape(x, axes, keepdims), 'bool');
  return tf.all(x, axes, keepdims);
}
