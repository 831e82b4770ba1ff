export {
  celu,
  elu,
  exponential,
  gelu,
  hardShrink,
  hardSigmoid,
  hardSilu,
  hardTanh,
  leakyRelu,
  linear,
  logSigmoid,
  mish,
  relu,
  relu6,
  selu,
  sigmoid,
  silu,
  softplus,
  softShrink,
  softsign,
  sparsePlus,
  sparseSigmoid,
  squareplus,
  tanh,
  tanhShrink,
  threshold,
} from './elementwise';
export type { ReluOptions } from './elementwise';
export { glu, logSoftmax, softmax, sparsemax } from './axis';
export { activationName, activations, getActivation, serializeActivation, UnserializableActivationError } from './registry';
export type { ActivationFunction, ActivationIdentifier, NamedActivationFunction } from './registry';
