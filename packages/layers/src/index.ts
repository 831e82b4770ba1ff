/**
 * The `Layer` base class, activations, initializers, regularizers, constraints and every Keras layer.
 *
 * @module @strata/layers
 */
export * from './serialization';
export * from './activations';
export * from './initializers';
export * from './regularizers';
export * from './constraints';
export { Layer, layerArgsFromConfig, FLOAT32_POLICY } from './engine/layer';
export type { AddWeightOptions, CallOptions, DenseChainLink, LayerArgs, SymbolicCallOptions, Tensors } from './engine/layer';
export { LayerVariable } from './engine/variable';
export type { LayerVariableOptions } from './engine/variable';
export { SymbolicTensor, isSymbolic } from './engine/symbolic-tensor';
export type { LayerNode } from './engine/symbolic-tensor';
export { formatShape, isShapeList, shapesEqual, sizeOf } from './engine/shape';
export type { Shape } from './engine/shape';
export { InputSpec, IncompatibleInputError } from './engine/input-spec';
export type { InputSpecConfig, InputSpecLike } from './engine/input-spec';
export { Variable, VariableError } from './engine/standalone-variable';
export type { VariableInitializer, VariableOptions } from './engine/standalone-variable';
export { assertInputCompatibility } from './engine/input-spec';
export { clearSession, getUid, toSnakeCaseName, uniqueName } from './engine/names';
export { withNameScope, scopedPath } from './engine/scope';
export { withWeightBudget } from './engine/weight-budget';
export {
  CustomObjectScope,
  customObjectScope,
  customObjectsInScope,
  getCustomObjects,
  getRegisteredName,
  getRegisteredObject,
  kerasSerializable,
  registerKerasSerializable,
  registrationOf,
} from './engine/object-registration';
export type { RegisterOptions, Registration, SerializableObject } from './engine/object-registration';
export { nextSeed } from './engine/random';
export { Input, InputLayer } from './core/input-layer';
export type { InputLayerArgs } from './core/input-layer';
export { Dense } from './core/dense';
export type { DenseArgs, DenseConfig } from './core/dense';
export type { ActivationConfig } from './core/activation';
export type { DropoutConfig } from './core/dropout';
export type { EmbeddingConfig } from './core/embedding';
export type { FlattenConfig } from './core/flatten';
export type { ReshapeConfig } from './core/reshape';
export type { ConvConfig } from './convolutional/base-conv';
export type { ConvTransposeConfig } from './convolutional/base-conv-transpose';
export type { PoolingConfig } from './pooling/base-pooling';
export type { GlobalPoolingConfig } from './pooling/base-global-pooling';
export type { ConcatenateConfig } from './merging/concatenate';
export type { MultiHeadAttentionConfig } from './attention/multi-head-attention';
export type { BatchNormalizationConfig } from './normalization/batch-normalization';
export type { LayerNormalizationConfig } from './normalization/layer-normalization';
export type { ScaleAndCenterConfig } from './normalization/scale-and-center';
export type { RescalingConfig } from './preprocessing/rescaling';
export { EinsumDense } from './core/einsum-dense';
export type { EinsumDenseArgs, EinsumDenseConfig } from './core/einsum-dense';
export type { DTypePolicyConfig, LayerConfig } from './engine/config-types';
export { Activation } from './core/activation';
export { Flatten } from './core/flatten';
export type { FlattenArgs } from './core/flatten';
export { Reshape } from './core/reshape';
export { Dropout } from './core/dropout';
export type { DropoutArgs } from './core/dropout';
export { Softmax } from './core/softmax';
export type { SoftmaxArgs } from './core/softmax';
export { Identity } from './core/identity';
export { Lambda } from './core/lambda';
export type { LambdaArgs, LambdaFunction } from './core/lambda';
export * from './activation-layers';
export * from './pooling';
export * from './normalization';
export * from './merging';
export * from './convolutional';
export * from './reshaping';
export * from './regularization';
export { builtInLayers } from './registry';
export type { RegisteredLayerClass } from './registry';
export * from './rnn';
export { Embedding } from './core/embedding';
export type { EmbeddingArgs } from './core/embedding';
export { ReversibleEmbedding } from './core/reversible-embedding';
export type { ReversibleEmbeddingArgs, ReversibleEmbeddingCallOptions } from './core/reversible-embedding';
export { Wrapper } from './core/wrapper';
export { Masking } from './core/masking';
export type { MaskingArgs } from './core/masking';
export * from './attention';
export * from './preprocessing';
export * from './applications';
export * as random from './random';
