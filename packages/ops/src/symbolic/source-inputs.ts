import { KerasTensor } from './keras-tensor';

/**
 * The input tensors a symbolic tensor is computed from (Keras's
 * `utils.get_source_inputs`): walks the graph back to the nodes that have no
 * inputs (an `Input`'s), each source once, in the order first reached. A
 * tensor that no operation produced is its own source; a value that is not a
 * symbolic tensor is returned as it is, as Keras does.
 */
export function getSourceInputs<T>(tensor: T): KerasTensor[] | T {
  if (!(tensor instanceof KerasTensor)) return tensor;
  const sources: KerasTensor[] = [];
  const visit = (current: KerasTensor) => {
    const node = current.operation?.inboundNodes[current.nodeIndex];
    if (!node) {
      if (!sources.includes(current)) sources.push(current);
      return;
    }
    if (node.inputs.length === 0) {
      for (const output of node.outputs) if (!sources.includes(output)) sources.push(output);
      return;
    }
    for (const input of node.inputs) visit(input);
  };
  visit(tensor);
  return sources;
}
