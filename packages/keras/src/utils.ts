// Type aliases rather than `export type { ... } from`: the declaration bundler turns re-exported types of a
// namespace module into values in index.d.ts (`typeof X`), which fails a consumer's strict type-check.
export { toCategorical, normalize, loadImg, imgToArray, arrayToImg, saveImg, getFile, imageDatasetFromDirectory } from '@strata/datasets';
export { padSequences, timeseriesDatasetFromArray, textDatasetFromDirectory, splitDataset } from '@strata/datasets';
import type { PadSequencesOptions as BasePadSequencesOptions, TimeseriesOptions as BaseTimeseriesOptions, TextDirectoryOptions as BaseTextDirectoryOptions, SplitDatasetOptions as BaseSplitDatasetOptions } from '@strata/datasets';
export type PadSequencesOptions = BasePadSequencesOptions;
export type TimeseriesOptions = BaseTimeseriesOptions;
export type TextDirectoryOptions = BaseTextDirectoryOptions;
export type SplitDatasetOptions = BaseSplitDatasetOptions;
export { setRandomSeed, clearSession, isSymbolic as isKerasTensor } from '@strata/layers';
// keras.utils.bounding_boxes.*
export { boundingBoxes } from '@strata/layers';
export { Progbar, disableInteractiveLogging, enableInteractiveLogging, isInteractiveLoggingEnabled } from '@strata/callbacks';
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
import type { ModelToDotOptions as BaseModelToDotOptions, PlotModelOptions as BasePlotModelOptions } from '@strata/models';
export type ModelToDotOptions = BaseModelToDotOptions;
export type PlotModelOptions = BasePlotModelOptions;
export { deserializeKerasObject, serializeKerasObject } from './keras-objects';
export { packXYSampleWeight, unpackXYSampleWeight } from '@strata/models';
export { Config, ConfigAttributeError } from '@strata/models';
export { getSourceInputs, standardizeDtype } from '@strata/ops';
