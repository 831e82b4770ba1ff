/**
 * Strata in one import, in Keras's namespaces: `ops`, `layers`, `models`,
 * `optimizers`, `losses`, `metrics`, `callbacks`, `datasets`, `utils`, `saving`,
 * `applications`, `initializers`, `activations`, `regularizers`, `constraints`,
 * `backend`, `config`, `random`, `tree`, `distillation`.
 * Only re-exports: each name comes from the package that owns it (the glue
 * that passes the built-in registries is in ./models and ./layers).
 *
 * @module @strata/keras
 */
export * as ops from '@strata/ops';
export * as layers from './layers.js';
export * as losses from './losses.js';
export * as metrics from './metrics.js';
export * as optimizers from './optimizers.js';
export * as callbacks from '@strata/callbacks';
export * as datasets from '@strata/datasets';
export * as applications from '@strata/applications';
export * as backend from './backend.js';
export * as config from './config.js';
export * as initializers from './initializers.js';
export * as activations from './activations.js';
export * as regularizers from './regularizers.js';
export * as constraints from './constraints.js';
export * as models from './models.js';
export * as utils from './utils.js';
export * as saving from './saving.js';
export * as distillation from './distillation.js';
export * as preprocessing from './preprocessing.js';
export { random } from '@strata/layers';
export { tree } from '@strata/ops';
export { Model, Sequential } from './models.js';
export { Input, InputSpec, Layer, Initializer, Regularizer, Variable, withNameScope as nameScope } from '@strata/layers';
export { Loss } from '@strata/losses';
export { Metric } from '@strata/metrics';
export { Optimizer } from '@strata/optimizers';
export { KerasTensor, Operation } from '@strata/ops';
export { useBackend, availableBackends } from '@strata/backend';
export { ValueError } from '@strata/models';
