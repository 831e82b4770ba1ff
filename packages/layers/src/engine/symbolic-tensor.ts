import type { DataType } from '@tensorflow/tfjs-core';
import type { Layer } from './layer';
import type { Shape } from './shape';

/**
 * A placeholder for a tensor in a functional graph (Keras's KerasTensor): it has
 * a shape and a dtype, and remembers which layer call produced it.
 */
export class SymbolicTensor {
  constructor(
    readonly shape: Shape,
    readonly dtype: DataType,
    /** The layer whose call produced this tensor. */
    readonly sourceLayer: Layer,
    /** Which call of that layer (index into its inbound nodes). */
    readonly nodeIndex: number,
    /** Which output of that call. */
    readonly tensorIndex: number,
    readonly name: string,
  ) {}

  get rank(): number {
    return this.shape.length;
  }
}

export function isSymbolic(value: unknown): value is SymbolicTensor | SymbolicTensor[] {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v instanceof SymbolicTensor);
  return value instanceof SymbolicTensor;
}

/**
 * One call of a layer on symbolic inputs: the edge of the functional graph
 * from the input tensors to the output tensors.
 */
export interface LayerNode {
  layer: Layer;
  inputs: SymbolicTensor[];
  outputs: SymbolicTensor[];
  /** Keyword arguments the call was made with (training is never stored). */
  callArgs: Record<string, unknown>;
}
