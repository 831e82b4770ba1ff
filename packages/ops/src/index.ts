/**
 * Keras 3's `keras.ops` for TypeScript. The flat namespace holds the numpy, nn, math, core and linalg ops, as
 * `keras.ops` does; `nn`, `numpy`, `linalg` and `image` are also sub-namespaces (`ops.image` exists only there).
 * Every op takes Keras's required arguments positionally and its optional ones in one options object with
 * camelCase keys; applied to symbolic tensors, an op records a node in the model being built.
 */
export * from './numpy';
export * from './nn';
export * from './math';
export * from './linalg';
export * from './core-ops';
export * as numpy from './numpy';
export * as nn from './nn';
export * as linalg from './linalg';
export * as image from './image';
export { type Axis, normalizeAxis, normalizeAxes } from './core/axis';
export { resultType } from './core/dtypes';
export { defineOp, opSpecOf, type OpModule, type OpSpec } from './core/define-op';
export { type NestedArray, type OpsDtype, type TensorLike, isTensorLike, standardizeDtype, toTensor } from './core/tensor-like';
export { KerasTensor, type SymbolicShape } from './symbolic/keras-tensor';
