export { loadModel } from './models';
export {
  KerasFileBudgetError,
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
export type { RegisterOptions } from '@strata/layers';
