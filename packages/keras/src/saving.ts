// Type aliases rather than `export type { ... } from`: the declaration bundler turns re-exported types of a
// namespace module into values in index.d.ts (`typeof X`), which fails a consumer's strict type-check.
export { loadModel } from './models.js';
export {
  KerasFileBudgetError,
  KerasFileEditor,
  KerasFileError,
  KerasFileExternalError,
  builtInRegistry,
  kerasFileSaver,
  loadWeights,
  saveModel,
  saveWeights,
  serializeModel,
  useKerasFiles,
} from '@strata/io-h5';
// Keras's keras.saving object registration: the user registers their classes with an explicit call.
export {
  CustomObjectScope,
  customObjectScope,
  getCustomObjects,
  getRegisteredName,
  getRegisteredObject,
  kerasSerializable,
  registerKerasSerializable,
} from '@strata/layers';
import type { RegisterOptions as BaseRegisterOptions } from '@strata/layers';
export type RegisterOptions = BaseRegisterOptions;
export { deserializeKerasObject, serializeKerasObject } from './keras-objects';
import type { DeserializeKerasObjectOptions as BaseDeserializeKerasObjectOptions } from './keras-objects';
export type DeserializeKerasObjectOptions = BaseDeserializeKerasObjectOptions;
import type { KerasFileEditorOptions as BaseKerasFileEditorOptions } from '@strata/io-h5';
export type KerasFileEditorOptions = BaseKerasFileEditorOptions;
