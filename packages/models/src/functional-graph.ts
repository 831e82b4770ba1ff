import type * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, InputLayer, type Layer, type LayerNode, type SymbolicTensor } from '@strata/layers';

/**
 * The graph of a functional model: the layer calls between its symbolic inputs
 * and outputs, in an order where every node comes after the nodes it reads.
 */
export class FunctionalGraph {
  readonly nodes: LayerNode[];
  readonly layers: Layer[];

  constructor(
    readonly inputs: SymbolicTensor[],
    readonly outputs: SymbolicTensor[],
  ) {
    for (const input of inputs) {
      if (!(input.sourceLayer instanceof InputLayer)) {
        throw new Error(
          `Model inputs must come from \`Input()\`; received a tensor produced by layer "${input.sourceLayer.name}".`,
        );
      }
    }
    this.nodes = orderNodes(inputs, outputs);
    this.layers = layersByDepth(this.nodes, outputs);
  }

  /** Runs the graph on concrete tensors given in the order of `inputs`. */
  run(inputs: tf.Tensor[], options: CallOptions = {}): tf.Tensor[] {
    const values = new Map<SymbolicTensor, tf.Tensor>();
    const masks = new Map<SymbolicTensor, tf.Tensor | null>();
    this.inputs.forEach((symbolic, i) => values.set(symbolic, inputs[i]));
    for (const node of this.nodes) {
      if (node.layer instanceof InputLayer) continue;
      const args = node.inputs.map((s) => values.get(s) as tf.Tensor);
      const argMasks = node.inputs.map((s) => masks.get(s) ?? null);
      const single = node.inputs.length === 1;
      const mask = single ? argMasks[0] : argMasks.some((m) => m !== null) ? argMasks : null;
      const result = node.layer.apply(single ? args[0] : args, { training: options.training, mask });
      const results = Array.isArray(result) ? result : [result];
      const outputMask = node.layer.computeMask(single ? args[0] : args, mask);
      node.outputs.forEach((symbolic, i) => {
        values.set(symbolic, results[i]);
        masks.set(symbolic, Array.isArray(outputMask) ? (outputMask[i] ?? null) : outputMask);
      });
    }
    return this.outputs.map((s) => values.get(s) as tf.Tensor);
  }
}

/**
 * Walks back from the outputs to the inputs (depth first), so that each node is
 * listed after the nodes that produce its inputs. A path that ends at an input
 * the model was not given is Keras's "Graph disconnected" error.
 */
function orderNodes(inputs: SymbolicTensor[], outputs: SymbolicTensor[]): LayerNode[] {
  const ordered: LayerNode[] = [];
  const done = new Set<LayerNode>();
  const visiting = new Set<LayerNode>();
  const visit = (tensor: SymbolicTensor) => {
    const node = tensor.sourceLayer.inboundNodes[tensor.nodeIndex];
    if (done.has(node)) return;
    if (visiting.has(node)) throw new Error(`The graph has a cycle through layer "${node.layer.name}".`);
    if (node.layer instanceof InputLayer && !inputs.includes(tensor)) {
      const reached = ordered.map((n) => n.layer.name);
      throw new Error(
        `Graph disconnected: cannot obtain value for tensor ${tensor.name} (shape ${JSON.stringify(tensor.shape)}) at layer "${node.layer.name}". ` +
          `It is not one of the model's inputs. The following previous layers were accessed without issue: ${JSON.stringify(reached)}`,
      );
    }
    visiting.add(node);
    for (const input of node.inputs) visit(input);
    visiting.delete(node);
    done.add(node);
    ordered.push(node);
  };
  for (const input of inputs) visit(input);
  for (const output of outputs) visit(output);
  return ordered;
}

/**
 * Keras's order of a functional model's layers: deepest first (inputs), and
 * within a depth, the order in which a walk from the outputs first met them.
 * A layer's depth is the largest of its nodes' depths (outputs have depth 0).
 */
function layersByDepth(nodes: LayerNode[], outputs: SymbolicTensor[]): Layer[] {
  const traversal = new Map<Layer, number>();
  const seen = new Set<LayerNode>();
  const walk = (tensor: SymbolicTensor) => {
    const node = tensor.sourceLayer.inboundNodes[tensor.nodeIndex];
    if (seen.has(node)) return;
    if (!traversal.has(node.layer)) traversal.set(node.layer, traversal.size);
    seen.add(node);
    if (!nodes.includes(node)) return;
    for (const input of node.inputs) walk(input);
  };
  for (const output of outputs) walk(output);
  const nodeDepth = new Map<LayerNode, number>();
  const layerDepth = new Map<Layer, number>();
  // Consumers come after producers in `nodes`, so walking it backwards settles each node's depth before its inputs'.
  for (const node of [...nodes].reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.layer) ?? 0);
    nodeDepth.set(node, depth);
    layerDepth.set(node.layer, depth);
    for (const input of node.inputs) {
      const producer = input.sourceLayer.inboundNodes[input.nodeIndex];
      nodeDepth.set(producer, Math.max(nodeDepth.get(producer) ?? 0, depth + 1));
    }
  }
  return [...layerDepth.keys()].sort(
    (a, b) => (layerDepth.get(b) ?? 0) - (layerDepth.get(a) ?? 0) || (traversal.get(a) ?? 0) - (traversal.get(b) ?? 0),
  );
}
