export { L1, L1L2, L2, OrthogonalRegularizer, Regularizer } from './regularizers';
export type { L1L2Args, OrthogonalRegularizerArgs } from './regularizers';
export { getRegularizer, serializeRegularizer } from './registry';
export type { RegularizerIdentifier } from './registry';
