/**
 * `@strata/io-h5/registry`: the built-in registry of what a Keras config may
 * name, without the file readers and writers (and h5wasm) of the main entry,
 * so that rebuilding a model from a config or JSON does not pull them into a
 * browser app's first load.
 */
export { builtInRegistry, CODE_LAYERS } from './models/registry';
export type { CustomObject, CustomObjects, KerasRegistry, LossOrMetricClass, LossOrMetricEntry } from './models/registry';
