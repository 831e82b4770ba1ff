import type * as tf from '@tensorflow/tfjs-core';
import { findSymbolic, RECORD_OP } from '../symbolic/brand';
import type { KerasTensor } from '../symbolic/keras-tensor';

/** The Keras module an op's class lives in, for serialization (`keras.src.ops.<module>`). */
export type OpModule = 'numpy' | 'nn' | 'math' | 'core' | 'linalg' | 'image' | 'einops';

/** What Strata needs to know of a Keras op to record it in a functional graph and to save it as Keras does. */
export interface OpSpec {
  /** Keras's function name, snake_case (`top_k`, `sparse_categorical_crossentropy`). */
  name: string;
  module: OpModule;
}

/** A parameter type with symbolic tensors allowed wherever tensors are. */
type Symbolize<T> = T extends tf.Tensor ? T | KerasTensor : T extends ReadonlyArray<infer U> ? Array<Symbolize<U>> : T;
/** A result type with each tensor symbolic. */
type SymbolicResult<T> = T extends tf.Tensor ? KerasTensor : T extends readonly unknown[] ? { [K in keyof T]: SymbolicResult<T[K]> } : T;

/** The symbolic overload of an op: the same parameters with KerasTensors allowed, symbolic results. */
export type SymbolicOverload<F> = F extends (...args: infer A) => infer R
  ? (...args: { [K in keyof A]: Symbolize<A[K]> }) => SymbolicResult<R>
  : never;

/** An op as `defineOp` makes it: its eager signature plus the symbolic overload. Annotate op constants with it. */
export type Op<F extends (...args: any[]) => any> = F & SymbolicOverload<F>;

/**
 * Wraps an op's eager implementation so that the same function works on symbolic tensors: called with any
 * KerasTensor among its positional arguments, it records a graph node (Keras's `Operation.symbolic_call`)
 * instead of computing. The eager path adds nothing but one scan of the arguments.
 */
export function defineOp<F extends (...args: any[]) => any>(spec: OpSpec, eager: F): Op<F> {
  const op = (...args: unknown[]) => {
    const symbolic = findSymbolic(args);
    if (symbolic) return symbolic[RECORD_OP](spec, eager, args);
    return eager(...args);
  };
  Object.defineProperty(op, 'name', { value: eager.name || spec.name });
  Object.defineProperty(op, 'opSpec', { value: spec });
  return op as unknown as Op<F>;
}

/** The spec of an op made by `defineOp`, or undefined for any other function. */
export function opSpecOf(fn: unknown): OpSpec | undefined {
  return typeof fn === 'function' ? (fn as { opSpec?: OpSpec }).opSpec : undefined;
}
