import type { KerasTensor } from './keras-tensor';
import { toSnakeCaseName, uniqueName } from './names';

/**
 * One call of an operation on symbolic tensors (Keras's Node): the edge of a functional graph from the
 * tensors it reads to the tensors it produces. `args` and `kwargs` are the call's arguments as given, with
 * the symbolic tensors in place; `inputs` lists those tensors, in order.
 */
export interface Node {
  operation: Operation;
  inputs: KerasTensor[];
  outputs: KerasTensor[];
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/**
 * What a functional graph is made of (Keras's Operation): a named thing that, called on symbolic tensors,
 * records a node. Layers extend it, and so does the operation an op records (`KerasOperation`).
 */
export abstract class Operation {
  /** Keras's class name, as configs write it. */
  static className = 'Operation';
  name: string;
  /** Calls of this operation on symbolic tensors, in order (Keras's `_inbound_nodes`). */
  readonly inboundNodes: Node[] = [];

  constructor(name?: string) {
    this.name = name ?? uniqueName(toSnakeCaseName(this.className));
  }

  get className(): string {
    return (this.constructor as typeof Operation).className;
  }
}

/** The node that produced a symbolic tensor. */
export function producerOf(tensor: KerasTensor): Node {
  const node = tensor.operation?.inboundNodes[tensor.nodeIndex];
  if (!node) throw new Error(`The symbolic tensor "${tensor.name}" was not produced by any operation of a graph.`);
  return node;
}
