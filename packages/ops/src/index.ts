/**
 * Keras 3's `keras.ops` for TypeScript. The flat namespace holds the numpy, nn, math, core and linalg ops, as
 * `keras.ops` does; `nn`, `numpy`, `linalg` and `image` are also sub-namespaces (`ops.image` exists only there).
 * Every op takes Keras's required arguments positionally and its optional ones in one options object with
 * camelCase keys; applied to symbolic tensors, an op records a node in the model being built.
 *
 * @module @strata/ops
 */
export * from './numpy';
export * from './nn';
export * from './math';
export * from './linalg';
export * from './core-ops';
export * as numpy from './numpy/index.js';
export * as nn from './nn/index.js';
export * as linalg from './linalg/index.js';
export * as image from './image/index.js';
export * as tree from './tree/index.js';
export { type Axis, normalizeAxis, normalizeAxes } from './core/axis';
export { isFloatDtype, isIntDtype, resultType } from './core/dtypes';
export { defineOp, type Op, opSpecOf, type OpModule, type OpSpec, type SymbolicOverload } from './core/define-op';
export { type NestedArray, type OpsDtype, type TensorLike, isTensorLike, standardizeDtype, toTensor } from './core/tensor-like';
export { KerasTensor, type SymbolicShape } from './symbolic/keras-tensor';
export { Operation, type Node, producerOf } from './symbolic/operation';
export { KerasOperation } from './symbolic/keras-operation';
export { clearSession, getUid, toSnakeCaseName, uniqueName } from './symbolic/names';
export { signatureOf, SIGNATURES_KERAS_VERSION, type OpSignature } from './symbolic/signatures';
export { type OpRegistry, isOpEntry, opRegistry, operationFromConfig } from './symbolic/registry';
export { builtInOps } from './symbolic/built-in-ops';
export { recordNode } from './symbolic/call-symbolic';
export { mapTensors, tensorsIn } from './symbolic/structure';
export { serializeKerasTensor, serializeNodeArgs, deserializeNodeArgs, historyOf } from './symbolic/node-args';
export { getSourceInputs } from './symbolic/source-inputs';
