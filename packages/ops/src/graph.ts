/**
 * `@strata/ops/graph`: what layers and models need to build functional graphs (the symbolic tensor, the graph
 * node, op nodes' serialization), without the namespace objects of the main entry, which hold every op and would
 * keep them all in an app's bundle.
 */
export { KerasTensor, type SymbolicShape } from './symbolic/keras-tensor';
export { Operation, type Node, producerOf } from './symbolic/operation';
export { KerasOperation } from './symbolic/keras-operation';
export { clearSession, getUid, toSnakeCaseName, uniqueName } from './symbolic/names';
export { type OpRegistry, isOpEntry, opRegistry, operationFromConfig } from './symbolic/registry';
export { recordNode } from './symbolic/call-symbolic';
export { mapTensors, tensorsIn } from './symbolic/structure';
export { serializeKerasTensor, serializeNodeArgs, deserializeNodeArgs, historyOf } from './symbolic/node-args';
