/**
 * Keras's `keras.initializers`: the classes, Keras's lowercase aliases of them
 * (`glorotUniform` is `GlorotUniform`, as `keras.initializers.glorot_uniform`
 * is the class), and `get`/`serialize`/`deserialize`.
 */
export {
  Constant,
  Constant as constant,
  GlorotNormal,
  GlorotNormal as glorotNormal,
  GlorotUniform,
  GlorotUniform as glorotUniform,
  HeNormal,
  HeNormal as heNormal,
  HeUniform,
  HeUniform as heUniform,
  IdentityInitializer,
  IdentityInitializer as Identity,
  IdentityInitializer as identity,
  Initializer,
  STFT,
  STFT as STFTInitializer,
  STFT as stft,
  LecunNormal,
  LecunNormal as lecunNormal,
  LecunUniform,
  LecunUniform as lecunUniform,
  Ones,
  Ones as ones,
  Orthogonal,
  Orthogonal as OrthogonalInitializer,
  Orthogonal as orthogonal,
  RandomNormal,
  RandomNormal as randomNormal,
  RandomUniform,
  RandomUniform as randomUniform,
  TruncatedNormal,
  TruncatedNormal as truncatedNormal,
  VarianceScaling,
  VarianceScaling as varianceScaling,
  Zeros,
  Zeros as zeros,
  getInitializer as get,
  getInitializer as deserialize,
  serializeInitializer as serialize,
} from '@strata/layers';
import type { InitializerIdentifier as BaseInitializerIdentifier, OrthogonalArgs as BaseOrthogonalArgs, RandomNormalArgs as BaseRandomNormalArgs, RandomUniformArgs as BaseRandomUniformArgs, VarianceScalingArgs as BaseVarianceScalingArgs } from '@strata/layers';
export type InitializerIdentifier = BaseInitializerIdentifier;
export type OrthogonalArgs = BaseOrthogonalArgs;
export type RandomNormalArgs = BaseRandomNormalArgs;
export type RandomUniformArgs = BaseRandomUniformArgs;
export type VarianceScalingArgs = BaseVarianceScalingArgs;
