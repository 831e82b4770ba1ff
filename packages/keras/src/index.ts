/**
 * Strata in one import, in Keras's namespaces: `ops`, `layers`, `models`,
 * `optimizers`, `losses`, `metrics`, `callbacks`, `datasets`, `utils`, `saving`,
 * `applications`.
 * Only re-exports: each name comes from the package that owns it.
 *
 * @module @strata/keras
 */
export * as ops from '@strata/ops';
export * as layers from '@strata/layers';
export * as losses from '@strata/losses';
export * as metrics from '@strata/metrics';
export * as optimizers from '@strata/optimizers';
export * as callbacks from '@strata/callbacks';
export * as datasets from '@strata/datasets';
export * as applications from '@strata/applications';
export * as backend from '@strata/backend';
export * as models from './models';
export * as utils from './utils';
export * as saving from './saving';
export { Model, Sequential } from './models';
export { Input } from '@strata/layers';
export { useBackend, availableBackends } from '@strata/backend';
export { ValueError } from '@strata/models';
