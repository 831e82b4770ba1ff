import { type CallOptions, InputLayer, Layer, type LayerNode, type SymbolicTensor } from '@strata/layers';
import { KerasOperation, mapTensors, type Operation, producerOf } from '@strata/ops/graph';
import type * as tf from '@tensorflow/tfjs-core';

/**
 * The graph of a functional model: the calls of layers and ops between its
 * symbolic inputs and outputs, in an order where every node comes after the
 * nodes it reads.
 */
export class FunctionalGraph {
  readonly nodes: LayerNode[];
  /** Layers and ops in Keras's order (the config's `layers` list). */
  readonly operations: Operation[];
  /** The layers alone (Keras's `model.layers`). */
  readonly layers: Layer[];

  constructor(
    readonly inputs: SymbolicTensor[],
    readonly outputs: SymbolicTensor[],
  ) {
    for (const input of inputs) {
      if (!(input.operation instanceof InputLayer)) {
        throw new Error(
          `Model inputs must come from \`Input()\`; received a tensor produced by "${input.operation?.name ?? 'no operation'}".`,
        );
      }
    }
    this.nodes = orderNodes(inputs, outputs);
    this.operations = operationsByDepth(this.nodes, outputs);
    this.layers = this.operations.filter((op): op is Layer => op instanceof Layer);
  }

  /** Runs the graph on concrete tensors given in the order of `inputs`. */
  run(inputs: tf.Tensor[], options: CallOptions = {}): tf.Tensor[] {
    const values = new Map<SymbolicTensor, tf.Tensor>();
    const masks = new Map<SymbolicTensor, tf.Tensor | null>();
    this.inputs.forEach((symbolic, i) => values.set(symbolic, inputs[i]));
    for (const node of this.nodes) {
      if (node.operation instanceof InputLayer) continue;
      if (node.operation instanceof KerasOperation) {
        const value = (t: SymbolicTensor) => values.get(t) as tf.Tensor;
        const result = node.operation.compute(mapTensors(node.args, value) as unknown[], mapTensors(node.kwargs, value) as Record<string, unknown>);
        const results = Array.isArray(result) ? result : [result];
        node.outputs.forEach((symbolic, i) => values.set(symbolic, results[i] as tf.Tensor));
        continue;
      }
      const layer = node.operation as Layer;
      // The node's arguments as the layer's inputs and options, symbolic; then with this run's tensors in place.
      const call = layer.callFromNode<SymbolicTensor>(node.args, node.kwargs);
      const inputs = mapTensors(call.inputs, (t) => values.get(t)) as tf.Tensor | tf.Tensor[];
      const callOptions = mapTensors(call.options, (t) => values.get(t)) as CallOptions & Record<string, unknown>;
      // The masks the inputs carry (Keras's _keras_mask); the layer decides how they join an explicit one.
      const argMasks = (Array.isArray(call.inputs) ? call.inputs : [call.inputs]).map((s) => masks.get(s) ?? null);
      const carried = !Array.isArray(call.inputs) ? argMasks[0] : argMasks.some((m) => m !== null) ? argMasks : null;
      callOptions.mask = layer.resolveCallMask(callOptions.mask, carried);
      // The run's training flag wins over the one recorded in the node (Keras's functional call does the same).
      callOptions.training = options.training ?? (callOptions.training as boolean | undefined);
      const result = layer.apply(inputs, callOptions);
      const results = Array.isArray(result) ? result : [result];
      const outputMask = layer.computeMask(inputs, callOptions.mask, callOptions);
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
  // An explicit stack instead of recursion, so that a chain of thousands of layers cannot overflow the call stack.
  const stack: Array<{ node: LayerNode; next: number }> = [];
  const enter = (tensor: SymbolicTensor) => {
    const node = producerOf(tensor);
    if (done.has(node)) return;
    if (visiting.has(node)) throw new Error(`The graph has a cycle through layer "${node.operation.name}".`);
    if (node.operation instanceof InputLayer && !inputs.includes(tensor)) {
      const reached = ordered.map((n) => n.operation.name);
      throw new Error(
        `Graph disconnected: cannot obtain value for tensor ${tensor.name} (shape ${JSON.stringify(tensor.shape)}) at layer "${node.operation.name}". ` +
          `It is not one of the model's inputs. The following previous layers were accessed without issue: ${JSON.stringify(reached)}`,
      );
    }
    visiting.add(node);
    stack.push({ node, next: 0 });
  };
  for (const start of [...inputs, ...outputs]) {
    enter(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.next < frame.node.inputs.length) {
        enter(frame.node.inputs[frame.next++]);
        continue;
      }
      stack.pop();
      visiting.delete(frame.node);
      done.add(frame.node);
      ordered.push(frame.node);
    }
  }
  return ordered;
}

/**
 * Keras's order of a functional model's layers and ops: deepest first (inputs),
 * and within a depth, the order in which a walk from the outputs first met them.
 * An operation's depth is the largest of its nodes' depths (outputs have depth 0).
 */
function operationsByDepth(nodes: LayerNode[], outputs: SymbolicTensor[]): Operation[] {
  const traversal = new Map<Operation, number>();
  const seen = new Set<LayerNode>();
  const inGraph = new Set(nodes);
  // Depth first from each output, inputs in order, with an explicit stack (no recursion in the graph's depth).
  const pending: SymbolicTensor[] = [];
  for (const output of outputs) {
    pending.push(output);
    while (pending.length > 0) {
      const tensor = pending.pop() as SymbolicTensor;
      const node = producerOf(tensor);
      if (seen.has(node)) continue;
      if (!traversal.has(node.operation)) traversal.set(node.operation, traversal.size);
      seen.add(node);
      if (!inGraph.has(node)) continue;
      for (let i = node.inputs.length - 1; i >= 0; i--) pending.push(node.inputs[i]);
    }
  }
  const nodeDepth = new Map<LayerNode, number>();
  const layerDepth = new Map<Operation, number>();
  // Consumers come after producers in `nodes`, so walking it backwards settles each node's depth before its inputs'.
  for (const node of [...nodes].reverse()) {
    const depth = Math.max(nodeDepth.get(node) ?? 0, layerDepth.get(node.operation) ?? 0);
    nodeDepth.set(node, depth);
    layerDepth.set(node.operation, depth);
    for (const input of node.inputs) {
      const producer = producerOf(input);
      nodeDepth.set(producer, Math.max(nodeDepth.get(producer) ?? 0, depth + 1));
    }
  }
  return [...layerDepth.keys()].sort(
    (a, b) => (layerDepth.get(b) ?? 0) - (layerDepth.get(a) ?? 0) || (traversal.get(a) ?? 0) - (traversal.get(b) ?? 0),
  );
}
