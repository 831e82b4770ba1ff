import type { Layer, SymbolicTensor } from '@strata/layers';
import { deserializeNodeArgs, KerasOperation, KerasTensor, type OpRegistry, operationFromConfig, recordNode } from '@strata/ops/graph';

export { isOpEntry } from '@strata/ops/graph';

type Json = Record<string, unknown>;

/** The op of an entry, from the ops the caller allows (never code from the file). */
export function opFromEntry(entry: Json, registry: OpRegistry | undefined): KerasOperation {
  if (!registry) {
    throw new TypeError(
      `The model config holds the op "${String(entry.name)}" (${String(entry.module)}.${String(entry.class_name)}), but no ops were given to load it: pass \`ops: builtInOps()\` from @strata/ops.`,
    );
  }
  return operationFromConfig(entry, registry);
}

/** The histories ([name, node, index]) of the symbolic tensors in a node's serialized args and kwargs. */
function historiesIn(value: unknown, found: Array<[string, number, number]> = []): Array<[string, number, number]> {
  if (Array.isArray(value)) for (const item of value) historiesIn(item, found);
  else if (typeof value === 'object' && value !== null) {
    const entry = value as Json;
    if (entry.class_name === '__keras_tensor__') {
      const history = (entry.config as Json | undefined)?.keras_history as [string, number, number] | undefined;
      if (history) found.push(history);
    } else for (const item of Object.values(entry)) historiesIn(item, found);
  }
  return found;
}

/**
 * Replays one serialized call ({args, kwargs}, Keras 3's node) of an op or a layer on the tensors made so far:
 * a layer is applied to the inputs and options its `callFromNode` reads from them (MultiHeadAttention's query,
 * value, key and attention_mask...). Returns the outputs, or null while a tensor it reads does not exist yet
 * (the caller retries after other calls, as Keras does).
 */
export function replayNode(
  operation: KerasOperation | Layer,
  node: Json,
  tensorOf: (name: string, node: number, index: number) => SymbolicTensor | undefined,
): SymbolicTensor[] | null {
  if (historiesIn([node.args, node.kwargs]).some(([name, n, i]) => tensorOf(name, n, i) === undefined)) return null;
  const resolve = ([name, n, i]: [string, number, number]) => tensorOf(name, n, i) as SymbolicTensor;
  const args = deserializeNodeArgs(node.args ?? [], resolve);
  const kwargs = deserializeNodeArgs(node.kwargs ?? {}, resolve);
  if (!Array.isArray(args)) throw new TypeError(`A call of "${operation.name}" in the model config has args that are not a list.`);
  if (kwargs === null || typeof kwargs !== 'object' || Array.isArray(kwargs)) {
    throw new TypeError(`A call of "${operation.name}" in the model config has kwargs that are not an object.`);
  }
  if (operation instanceof KerasOperation) {
    const outputs = recordNode(operation, args, kwargs as Record<string, unknown>);
    return Array.isArray(outputs) ? outputs : [outputs];
  }
  const { inputs, options } = operation.callFromNode<SymbolicTensor>(args, kwargs as Record<string, unknown>);
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (!list.every((tensor) => tensor instanceof KerasTensor)) {
    throw new TypeError(`A call of layer "${operation.name}" in the model config has inputs that are not tensors of the graph.`);
  }
  const outputs: SymbolicTensor | SymbolicTensor[] = Array.isArray(inputs) ? operation.apply(inputs, options) : operation.apply(inputs, options);
  return Array.isArray(outputs) ? outputs : [outputs];
}
