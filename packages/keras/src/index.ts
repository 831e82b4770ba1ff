/**
 * Strata in one import, in Keras's namespaces: `ops`, `layers`, `models`,
 * `optimizers`, `losses`, `metrics`, `callbacks`, `datasets`, `utils`, `saving`,
 * `applications`, `initializers`, `activations`, `regularizers`, `constraints`,
 * `backend`, `config`, `random`, `tree`.
 * Only re-exports: each name comes from the package that owns it (the glue
 * that passes the built-in registries is in ./models and ./layers).
 *
 * @module @strata/keras
 */
export * as ops from '@strata/ops';
export * as layers from './layers';
export * as losses from './losses';
export * as metrics from './metrics';
export * as optimizers from './optimizers';
export * as callbacks from '@strata/callbacks';
export * as datasets from '@strata/datasets';
export * as applications from '@strata/applications';
export * as backend from './backend';
export * as config from './config';
export * as initializers from './initializers';
export * as activations from './activations';
export * as regularizers from './regularizers';
export * as constraints from './constraints';
export * as models from './models';
export * as utils from './utils';
export * as saving from './saving';
export * as preprocessing from './preprocessing';
export { random } from '@strata/layers';
export { tree } from '@strata/ops';
export { Model, Sequential } from './models';
export { Input, Layer, Initializer, Regularizer, withNameScope as nameScope } from '@strata/layers';
export { Loss } from '@strata/losses';
export { Metric } from '@strata/metrics';
export { Optimizer } from '@strata/optimizers';
export { KerasTensor, Operation } from '@strata/ops';
export { useBackend, availableBackends } from '@strata/backend';
export { ValueError } from '@strata/models';
