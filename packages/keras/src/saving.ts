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
