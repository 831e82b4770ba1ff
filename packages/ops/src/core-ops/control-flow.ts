import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, isTensorLike, toTensor } from '../core/tensor-like';
import { disposeReplaced, mapStructure, tensorsIn, truthy } from './tree';

// Keras's control flow on the torch backend runs eagerly in Python; Strata's runs eagerly in JavaScript the same
// way. Predicates and branch indices are read from the device (a data-dependent branch needs their value).

function asTensors(structure: unknown): any {
  return mapStructure((leaf) => (isTensorLike(leaf) ? toTensor(leaf as TensorLike) : leaf), structure);
}

/**
 * Runs one loop step in its own tidy, so the step's temporaries go at once, then frees the carry it replaced
 * (never the caller's tensors, nor one the step passed through unchanged).
 */
function step<T>(previous: unknown, callerTensors: Set<tf.Tensor>, run: () => T): T {
  const next = tf.tidy(() => run() as any) as T;
  disposeReplaced(previous, next, callerTensors);
  return next;
}

/** `ops.cond(pred, trueFn, falseFn)`: calls one branch, chosen by a boolean or a scalar tensor. */
export const cond = /* @__PURE__ */ defineOp({ name: 'cond', module: 'core' }, function cond<T>(pred: TensorLike, trueFn: () => T, falseFn: () => T): T {
  return truthy(pred, 'ops.cond: pred') ? trueFn() : falseFn();
});

/** `ops.switch(index, branches, ...operands)`: calls `branches[index](...operands)`, the index clamped into range as Keras does. */
function switchOp<T>(index: TensorLike, branches: Array<(...operands: any[]) => T>, ...operands: unknown[]): T {
  if (!Array.isArray(branches) || branches.length === 0) {
    throw new TypeError(`ops.switch: branches must be a non-empty array of functions; received ${String(branches)}.`);
  }
  const raw = index instanceof tf.Tensor ? index.dataSync()[0] : Number(index);
  const chosen = Math.min(Math.max(Math.trunc(Number(raw)), 0), branches.length - 1);
  return branches[chosen](...operands);
}
export const switch_ = /* @__PURE__ */ defineOp({ name: 'switch', module: 'core' }, switchOp);

export interface WhileLoopOptions {
  /** Stops after this many iterations even if `cond` still holds. Default: no limit. */
  maximumIterations?: number | null;
}

/**
 * `ops.whileLoop(cond, body, loopVars, { maximumIterations })`: while `cond(...vars)` holds, `vars = body(...vars)`.
 * An array `loopVars` is spread into `cond` and `body` and an array comes back; any other value is passed alone
 * and returned alone. Numbers among the loop variables become tensors first, as in Keras.
 */
export const whileLoop = /* @__PURE__ */ defineOp({ name: 'while_loop', module: 'core' }, function whileLoop(
  condFn: (...vars: any[]) => unknown,
  body: (...vars: any[]) => unknown,
  loopVars: unknown,
  options: WhileLoopOptions = {},
): any {
  const limit = options.maximumIterations ?? Number.POSITIVE_INFINITY;
  const isSequence = Array.isArray(loopVars);
  const callerTensors = new Set(tensorsIn(loopVars));
  let vars: unknown[] = asTensors(isSequence ? loopVars : [loopVars]);
  let iteration = 0;
  while (iteration < limit && tf.tidy(() => truthy(condFn(...vars) as TensorLike, 'ops.whileLoop: the value cond returns') as any)) {
    vars = step(vars, callerTensors, () => {
      const next = body(...vars);
      return Array.isArray(next) ? next : [next];
    });
    iteration++;
  }
  return isSequence ? vars : vars[0];
});

/** A loop bound as a number: a scalar tensor is read from the device (the number of steps depends on it). */
function bound(value: number | tf.Tensor, what: string): number {
  const n = value instanceof tf.Tensor ? Number(value.dataSync()[0]) : value;
  if (!Number.isInteger(n)) throw new TypeError(`ops.foriLoop: ${what} must be an integer; received ${n}.`);
  return n;
}

/**
 * `ops.foriLoop(lower, upper, bodyFun, initVal)`: `val = bodyFun(i, val)` for i from lower to upper (exclusive);
 * `i` is a number, the bounds numbers or scalar tensors.
 */
export const foriLoop = /* @__PURE__ */ defineOp({ name: 'fori_loop', module: 'core' }, function foriLoop<T>(
  lower: number | tf.Tensor,
  upper: number | tf.Tensor,
  bodyFun: (i: number, value: T) => T,
  initVal: T,
): T {
  const callerTensors = new Set(tensorsIn(initVal));
  const end = bound(upper, 'upper');
  let value = initVal;
  for (let i = bound(lower, 'lower'); i < end; i++) {
    const current = value;
    value = step(current, callerTensors, () => bodyFun(i, current));
  }
  return value;
});

export { switch_ as switch };
