export { toCategorical, normalize, loadImg, imgToArray, arrayToImg, saveImg, getFile, imageDatasetFromDirectory } from '@strata/datasets';
export { padSequences, timeseriesDatasetFromArray, textDatasetFromDirectory, splitDataset } from '@strata/datasets';
export type { PadSequencesOptions, TimeseriesOptions, TextDirectoryOptions, SplitDatasetOptions } from '@strata/datasets';
export { setRandomSeed, clearSession, isSymbolic as isKerasTensor } from '@strata/layers';
export { Progbar } from '@strata/callbacks';
// Keras exports the object registration under keras.utils too.
export {
  CustomObjectScope,
  customObjectScope,
  getCustomObjects,
  getRegisteredName,
  getRegisteredObject,
  registerKerasSerializable,
} from '@strata/layers';
export { modelToDot, plotModel } from '@strata/models';
export type { ModelToDotOptions, PlotModelOptions } from '@strata/models';
