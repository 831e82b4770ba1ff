import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** `ops.stopGradient(x)`: the same values, seen as a constant by gradients (their gradient through it is zero). */
export const stopGradient = /* @__PURE__ */ defineOp({ name: 'stop_gradient', module: 'core' }, function stopGradient(variable: TensorLike): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(variable);
    const constant = tf.customGrad((x) => ({ value: (x as tf.Tensor).clone(), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));
    return constant(tensor);
  });
});

/**
 * tfjs's `customGrad` disposes every tensor its forward function creates except the output, but Keras's
 * convention lets the gradient function read tensors the forward made (a closure). This moves the tensors made
 * since `start` in the active scope to the outermost open scope (or untracks them at top level), so they live
 * until the caller's outermost tidy ends. It uses tfjs's public engine state.
 */
function adoptIntoCallerScope(start: number, output: tf.Tensor): void {
  const state = tf.engine().state;
  const scope = state.activeScope;
  if (scope === null) return;
  const made = scope.track.splice(start);
  if (made.includes(output)) scope.track.push(output);
  const created = made.filter((tensor) => tensor !== output);
  // The outermost scope: tf.grad runs the forward pass in a tidy of its own that ends before the backward pass,
  // so only a scope that encloses the whole gradient computation keeps the closure's tensors long enough.
  const parent = state.scopeStack.length >= 2 ? state.scopeStack[0] : null;
  for (const tensor of created) {
    if (parent === null) continue;
    (tensor as unknown as { scopeId: number }).scopeId = parent.id;
    parent.track.push(tensor);
  }
}

/** What a function passed to `customGradient` returns: its output and the function giving the inputs' gradients. */
export type CustomGradientResult = [tf.Tensor, (upstream: tf.Tensor) => tf.Tensor | tf.Tensor[]];

/**
 * `ops.customGradient(f)`: Keras's decorator. `f(...args)` returns `[output, gradFn]`; the returned function gives
 * `output`, and gradients through it are `gradFn(upstream)`: one tensor per argument (an array for several),
 * Keras's JAX/TensorFlow convention. `output` must be one tensor (tfjs's `customGrad` carries one).
 * Tensors `f` creates (which `gradFn` may read) live until the outermost enclosing `tf.tidy` ends (or, at top
 * level, until disposed), since the gradient may be asked for after `f` returns: call it inside a tidy.
 */
export function customGradient(f: (...args: tf.Tensor[]) => CustomGradientResult): (...args: TensorLike[]) => tf.Tensor {
  if (typeof f !== 'function') throw new TypeError(`ops.customGradient expects a function; received ${String(f)}.`);
  return (...args: TensorLike[]) => {
    const inputs = args.map((arg) => toTensor(arg));
    const wrapped = tf.customGrad((...inputsAndSave: unknown[]) => {
      const start = tf.engine().state.activeScope?.track.length ?? 0;
      const result = f(...(inputsAndSave.slice(0, inputs.length) as tf.Tensor[]));
      if (!Array.isArray(result) || result.length !== 2 || !(result[0] instanceof tf.Tensor) || typeof result[1] !== 'function') {
        throw new TypeError('ops.customGradient: the decorated function must return [output, gradFn] with one output tensor.');
      }
      const [value, gradFn] = result;
      adoptIntoCallerScope(start, value);
      return {
        value,
        gradFunc: (upstream: tf.Tensor) => {
          const grads = gradFn(upstream);
          const list = Array.isArray(grads) ? grads : [grads];
          if (list.length !== inputs.length) {
            throw new RangeError(`ops.customGradient: gradFn returned ${list.length} gradients for ${inputs.length} arguments.`);
          }
          return list;
        },
      };
    });
    return (wrapped as (...xs: tf.Tensor[]) => tf.Tensor)(...inputs);
  };
}
