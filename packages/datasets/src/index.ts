/**
 * Keras's datasets (`mnist`, `fashionMnist`, `cifar10`...) with `loadData()`, a streaming `Dataset`, `toCategorical` and image-file helpers.
 *
 * @module @strata/datasets
 */
export { parseNpy, parseNpz, encodeNpy } from './npy';
export type { NpyArray, NpyDtype } from './npy';

// Data set loaders, namespaced as in Keras: mnist.loadData(), fashionMnist.loadData()...
export * as mnist from './loaders/mnist';
export * as fashionMnist from './loaders/fashion-mnist';
export * as cifar10 from './loaders/cifar10';
export * as cifar100 from './loaders/cifar100';
export * as imdb from './loaders/imdb';
export * as bostonHousing from './loaders/boston-housing';
export type { ImageClassificationData } from './loaders/idx-loader';
export {
  MNIST_FILES,
  FASHION_MNIST_FILES,
  CIFAR10_FILE,
  CIFAR100_FILE,
  IMDB_FILE,
  IMDB_WORD_INDEX_FILE,
  BOSTON_HOUSING_FILE,
} from './loaders/known-files';

// Files: search order, verified downloads.
export { getFile, defaultCacheDir } from './files/get-file';
export type { GetFileOptions } from './files/get-file';
export { readDatasetFile, MissingFileError, SYSTEM_DATASETS_DIR } from './files/locate';
export type { DatasetFile, LocateOptions } from './files/locate';
export { gunzip, md5Hex, sha256Hex } from './files/bytes';

// File formats.
export { parseIdx, encodeIdx } from './formats/idx';
export type { IdxArray } from './formats/idx';
export { parseTar } from './formats/tar';
export { unpickle } from './formats/pickle';
export type { PickledArray } from './formats/pickle';

// Streaming datasets.
export { Dataset, CachedDataset } from './dataset/dataset';
export type { BatchOptions } from './dataset/dataset';
export { fromTensorSlices, fromArray, fromGenerator, TensorSlicesDataset } from './dataset/sources';
export { imageDatasetFromDirectory, ImageDirectoryDataset } from './dataset/image-directory';
export type { ImageDirectoryOptions } from './dataset/image-directory';
export { makeCsvDataset } from './dataset/csv';
export type { CsvDatasetOptions, CsvBatch } from './dataset/csv';
export type { Batched, Unbatched } from './dataset/structure';
export { timeseriesDatasetFromArray } from './dataset/timeseries';
export type { TimeseriesOptions, TimeseriesElement } from './dataset/timeseries';
export { textDatasetFromDirectory, TextDirectoryDataset } from './dataset/text-directory';
export type { TextDirectoryOptions } from './dataset/text-directory';
export { indexDirectory } from './dataset/index-directory';
export type { DirectoryIndex, IndexDirectoryOptions } from './dataset/index-directory';
export { splitDataset, splitSizes, torchRandperm, TensorSplitDataset, ElementSplitDataset } from './dataset/split';
export type { SplitDatasetOptions } from './dataset/split';

// Utilities.
export { RandomState } from './rng';
export { toCategorical, normalize } from './utils/categorical';
export { padSequences } from './utils/pad-sequences';
export type { PadSequencesOptions, Sequence } from './utils/pad-sequences';
export { loadImg, imgToArray, arrayToImg, saveImg, decodeImage, encodePng, convertColorMode } from './utils/image';
export type { DecodedImage, ColorMode, LoadImgOptions } from './utils/image';
export { resizeImage } from './utils/resize';
export type { Interpolation } from './utils/resize';
