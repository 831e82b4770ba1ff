/**
 * `keras.layers` as Keras's users know it: the layers, `Input`, `InputLayer`,
 * `InputSpec`, the `Layer` base class, the functional merge helpers and
 * Keras's alias names (`MaxPool2D` is `MaxPooling2D`). @strata/keras exports
 * this as its `layers` namespace; the engine internals that other Strata
 * packages use (weights, name scopes, shape helpers, the built-in registry,
 * the base classes of layer families) stay in the package's main entry,
 * outside the namespace. Initializers, activations, regularizers and
 * constraints have their own namespaces in @strata/keras, as in Keras.
 */
export { Layer } from './engine/layer';
export type { CallOptions, LayerArgs, Tensors } from './engine/layer';
export { InputSpec } from './engine/input-spec';
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
export { Wrapper } from './core/wrapper';
export type { EinsumDenseArgs, EinsumDenseConfig } from './core/einsum-dense';
export type { LayerConfig } from './engine/config-types';
export { Activation } from './core/activation';
export { Flatten } from './core/flatten';
export { Reshape } from './core/reshape';
export { Dropout } from './core/dropout';
export { Softmax } from './core/softmax';
export { Identity } from './core/identity';
export { Embedding } from './core/embedding';
export { ReversibleEmbedding } from './core/reversible-embedding';
export { Masking } from './core/masking';
export { Lambda } from './core/lambda';
export type { LambdaArgs, LambdaFunction } from './core/lambda';
export { ELU, LeakyReLU, PReLU, ReLU } from './activation-layers';
export {
  AveragePooling1D,
  AveragePooling1D as AvgPool1D,
  AveragePooling2D,
  AveragePooling2D as AvgPool2D,
  AveragePooling3D,
  AveragePooling3D as AvgPool3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling1D as GlobalAvgPool1D,
  GlobalAveragePooling2D,
  GlobalAveragePooling2D as GlobalAvgPool2D,
  GlobalAveragePooling3D,
  GlobalAveragePooling3D as GlobalAvgPool3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling1D as GlobalMaxPool1D,
  GlobalMaxPooling2D,
  GlobalMaxPooling2D as GlobalMaxPool2D,
  GlobalMaxPooling3D,
  GlobalMaxPooling3D as GlobalMaxPool3D,
  MaxPooling1D,
  MaxPooling1D as MaxPool1D,
  MaxPooling2D,
  MaxPooling2D as MaxPool2D,
  MaxPooling3D,
  MaxPooling3D as MaxPool3D,
  AdaptiveAveragePooling1D,
  AdaptiveAveragePooling2D,
  AdaptiveAveragePooling3D,
  AdaptiveMaxPooling1D,
  AdaptiveMaxPooling2D,
  AdaptiveMaxPooling3D,
} from './pooling';
export {
  BatchNormalization,
  GroupNormalization,
  LayerNormalization,
  RMSNormalization,
  SpectralNormalization,
  UnitNormalization,
} from './normalization';
export {
  Add,
  Average,
  Concatenate,
  Dot,
  Maximum,
  Minimum,
  Multiply,
  Subtract,
  add,
  average,
  concatenate,
  dot,
  maximum,
  minimum,
  multiply,
  subtract,
} from './merging';
export {
  Conv1D,
  Conv1D as Convolution1D,
  Conv1DTranspose,
  Conv1DTranspose as Convolution1DTranspose,
  Conv2D,
  Conv2D as Convolution2D,
  Conv2DTranspose,
  Conv2DTranspose as Convolution2DTranspose,
  Conv3D,
  Conv3D as Convolution3D,
  Conv3DTranspose,
  Conv3DTranspose as Convolution3DTranspose,
  DepthwiseConv1D,
  DepthwiseConv2D,
  SeparableConv1D,
  SeparableConv1D as SeparableConvolution1D,
  SeparableConv2D,
  SeparableConv2D as SeparableConvolution2D,
} from './convolutional';
export {
  Cropping1D,
  Cropping2D,
  Cropping3D,
  Permute,
  RepeatVector,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
} from './reshaping';
export {
  ActivityRegularization,
  AlphaDropout,
  GaussianDropout,
  GaussianNoise,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
} from './regularization';
export {
  Bidirectional,
  ConvLSTM1D,
  ConvLSTM2D,
  ConvLSTM3D,
  GRU,
  GRUCell,
  LSTM,
  LSTMCell,
  RNN,
  SimpleRNN,
  SimpleRNNCell,
  StackedRNNCells,
  TimeDistributed,
} from './rnn';
export { AdditiveAttention, Attention, GroupQueryAttention, MultiHeadAttention } from './attention';
export {
  CategoryEncoding,
  CenterCrop,
  IntegerLookup,
  Normalization,
  RandomFlip,
  AutoContrast,
  Discretization,
  Hashing,
  HashedCrossing,
  STFTSpectrogram,
  MelSpectrogram,
  RandomBrightness,
  RandomContrast,
  RandomGrayscale,
  RandomInvert,
  RandomPosterization,
  Solarization,
  RandomColorDegeneration,
  RandomSaturation,
  RandomHue,
  RandomSharpness,
  RandomColorJitter,
  Equalization,
  RandomGaussianBlur,
  ContrastLimitedAdaptiveHistogramEqualization,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  Rescaling,
  Resizing,
  StringLookup,
  TextVectorization,
} from './preprocessing';
export { CutMix, MaxNumBoundingBoxes, MixUp, Pipeline, RandomCrop, RandomElasticTransform, RandomErasing, RandomPerspective, RandomShear } from './preprocessing';
