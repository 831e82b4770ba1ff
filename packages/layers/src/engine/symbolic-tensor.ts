import { KerasTensor, type Node } from '@strata/ops/graph';

/**
 * A placeholder for a tensor in a functional graph: ops' KerasTensor (Keras's), with its shape, dtype and the
 * layer or op call that produced it. Layers and ops take and return the same symbolic tensors.
 */
export const SymbolicTensor = KerasTensor;
export type SymbolicTensor = KerasTensor;

export function isSymbolic(value: unknown): value is KerasTensor | KerasTensor[] {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => v instanceof KerasTensor);
  return value instanceof KerasTensor;
}

/** One call of a layer (or op) on symbolic inputs: ops' graph node. */
export type LayerNode = Node;
