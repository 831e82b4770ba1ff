export { BatchNormalization } from './batch-normalization';
export type { BatchNormalizationArgs } from './batch-normalization';
export { LayerNormalization } from './layer-normalization';
export type { LayerNormalizationArgs } from './layer-normalization';
export { GroupNormalization } from './group-normalization';
export type { GroupNormalizationArgs } from './group-normalization';
export { UnitNormalization } from './unit-normalization';
export type { UnitNormalizationArgs } from './unit-normalization';
