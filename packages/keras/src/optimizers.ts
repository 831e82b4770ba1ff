/** Keras's `keras.optimizers`: @strata/optimizers, with Keras's `get`/`serialize`/`deserialize` and `schedules`. */
export * from '@strata/optimizers';
export { deserializeOptimizer as deserialize, getOptimizer as get, serializeOptimizer as serialize } from '@strata/optimizers';
export * as schedules from './schedules';
