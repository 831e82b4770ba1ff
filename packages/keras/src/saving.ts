export { loadModel } from './models';
export {
  builtInRegistry,
  kerasFileSaver,
  loadWeights,
  saveModel,
  saveWeights,
  serializeModel,
  useKerasFiles,
} from '@strata/io-h5';
