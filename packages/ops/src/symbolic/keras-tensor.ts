import type { DataType } from '@tensorflow/tfjs-core';

/** A shape whose dimensions may be unknown (null), as Keras writes `None`. */
export type SymbolicShape = Array<number | null>;

/**
 * A placeholder for a tensor in a model being built (Keras's KerasTensor): it has a shape and a dtype but no
 * values. Layers' symbolic tensors extend it, so an op applied to one records a node in the graph instead of
 * computing (see `call-symbolic.ts`).
 */
export class KerasTensor {
  constructor(
    readonly shape: SymbolicShape,
    readonly dtype: DataType,
    readonly name: string = 'keras_tensor',
  ) {}

  get rank(): number {
    return this.shape.length;
  }
}

/** True when `value`, or any element of an array (nested) or plain object in it, is a KerasTensor. */
export function containsSymbolic(value: unknown, depth = 0): boolean {
  if (value instanceof KerasTensor) return true;
  if (depth > 4) return false;
  if (Array.isArray(value)) return value.some((item) => containsSymbolic(item, depth + 1));
  return false;
}
