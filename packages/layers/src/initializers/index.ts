export { Initializer } from './initializer';
export { Constant, IdentityInitializer, Ones, Zeros } from './constant';
export type { IdentityInitializerArgs } from './constant';
export { Orthogonal, RandomInitializer, RandomNormal, RandomUniform, TruncatedNormal } from './random';
export type { OrthogonalArgs, RandomNormalArgs, RandomUniformArgs, SeedArgs } from './random';
export {
  computeFans,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './variance-scaling';
export type {
  FanAxes,
  FanMode,
  NamedVarianceScalingArgs,
  VarianceScalingArgs,
  VarianceScalingDistribution,
} from './variance-scaling';
export { STFT } from './stft';
export type { STFTArgs, STFTWindow } from './stft';
export { getInitializer, serializeInitializer } from './registry';
export type { InitializerIdentifier } from './registry';
export { drawDefaultSeed, setRandomSeed } from './seed';
