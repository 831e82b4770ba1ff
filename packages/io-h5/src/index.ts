/**
 * Reading and writing Keras's files: legacy `.h5`, `.weights.h5` and Keras 3's `.keras`.
 *
 * @module @strata/io-h5
 */
export type {
  KerasArchive,
  KerasMetadata,
  LegacyH5Model,
  NamedWeight,
  ReadLimits,
  ReadOptions,
  VarsGroup,
  WeightArray,
  WeightData,
  WeightDtype,
  WeightsStore,
} from './types';
export { DEFAULT_READ_LIMITS, KERAS_FORMAT_VERSION, KerasFileBudgetError, KerasFileError, KerasFileExternalError } from './types';
export { createWeightArray, shapeSize, validateWeightArray } from './weight-array';
export { formatSaveDate, openKerasArchive, readKerasArchive, writeKerasArchive } from './keras-archive';
export type { KerasArchiveInput, KerasArchiveReadOptions, OpenedKerasArchive } from './keras-archive';
export { parseVarsKey, readWeightsH5, varsKey, writeWeightsH5 } from './weights-store';
export type { WeightsReadOptions, WeightsStoreInput } from './weights-store';
export { readLegacyH5, writeLegacyH5, writeLegacyWeightsH5 } from './legacy-h5';
export type { LegacyH5Input, LegacyWeightsInput } from './legacy-h5';
export { detectKerasFileKind, readKerasFile } from './read-any';
export type { KerasFile, KerasFileKind } from './read-any';
export { bytesFrom, readFileBytes, toBytes, writeFileAtomic } from './file-io';
export type { BinaryInput } from './file-io';
export { hasHdf5Signature } from './hdf5/runtime';
export { defaultReadTimeoutMs } from './hdf5/isolate';
export { hasZipSignature } from './zip/read-zip';
export { builtInRegistry } from './models/registry';
export type { CustomObject, CustomObjects, KerasRegistry } from './models/registry';
export { loadModel, loadWeights, modelFromKerasFile } from './models/load';
export type { LoadModelOptions, LoadWeightsOptions } from './models/load';
export { formatOfPath, kerasModelConfig, legacyModelConfig, saveModel, saveWeights, serializeModel } from './models/save';
export type { KerasFileFormat, SaveModelOptions, SerializeOptions } from './models/save';
export { kerasFileSaver, useKerasFiles } from './models/saver';
export { KerasFileEditor } from './file-editor';
export type { KerasFileEditorOptions, WeightInput, WeightsTree } from './file-editor';
