import type { DataType } from '@tensorflow/tfjs-core';
import { add } from '../numpy/arithmetic';
import type { Operation } from './operation';

/** A shape whose dimensions may be unknown (null), as Keras writes `None`. */
export type SymbolicShape = Array<number | null>;

/**
 * A placeholder for a tensor in a model being built (Keras's KerasTensor): a shape and a dtype but no values,
 * and the operation call that produced it (Keras's `keras_history`: operation, node index, tensor index).
 * Ops applied to it record a node in the graph instead of computing (see `call-symbolic.ts`); its methods
 * are Keras's Python operators (`x + 1` is `x.add(1)`), since JavaScript has no operator overloading.
 */
export class KerasTensor {
  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DataType,
    /** The operation (layer or op) whose call produced this tensor; null for a free-standing placeholder. */
    readonly operation: Operation | null = null,
    /** Which call of that operation (index into its inbound nodes). */
    readonly nodeIndex: number = 0,
    /** Which output of that call. */
    readonly tensorIndex: number = 0,
    readonly name: string = 'keras_tensor',
  ) {}

  get rank(): number {
    return this.shape.length;
  }

  /** `x + y` (`ops.add`). */
  add(other: unknown): KerasTensor {
    return add(this as never, other as never) as unknown as KerasTensor;
  }
}

/** True when `value`, or any element of an array or plain object (nested) in it, is a KerasTensor. */
export function containsSymbolic(value: unknown, depth = 0): boolean {
  if (value instanceof KerasTensor) return true;
  if (depth > 4 || typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some((item) => containsSymbolic(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).some((item) => containsSymbolic(item, depth + 1));
}
