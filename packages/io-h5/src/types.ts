/**
 * Neutral data structures shared by every reader and writer in this package.
 * They know nothing of layers or models, so the model-level phase can map them
 * onto `Layer` weights without this package importing `@strata/models`.
 */

/** Element types a Keras weight file may hold that we can represent exactly in JavaScript. */
export type WeightDtype =
  | 'float32'
  | 'float64'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64';

export type WeightData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

/** One variable: a row-major (C order) array, exactly as HDF5 stores it. */
export interface WeightArray {
  shape: number[];
  dtype: WeightDtype;
  data: WeightData;
}

/** A named variable, as legacy `.h5` files list them in `weight_names`. */
export interface NamedWeight {
  /** The `weight_names` entry, e.g. `dense_1/kernel:0` (Keras 2) or `sequential/dense/kernel` (Keras 3). */
  name: string;
  array: WeightArray;
}

/**
 * One `vars` group of a Keras 3 weights store (`model.weights.h5`).
 * `path` is the saveable's path without the trailing `vars`: `layers/dense`,
 * `layers/lstm/cell`, `optimizer`, or `''` for the model itself.
 */
export interface VarsGroup {
  path: string;
  /** The `name` attribute Keras ≥ 3.6 writes on each `vars` group (the object's name); absent in older files. */
  name?: string;
}

/**
 * The content of a Keras 3 weights store. `weights` keys are full dataset
 * paths such as `layers/dense/vars/0` or `optimizer/vars/3`, in file order;
 * `groups` lists every `vars` group, including empty ones, which Keras creates
 * for each saveable (so `layers/flatten/vars` exists with no datasets).
 */
export interface WeightsStore {
  weights: Map<string, WeightArray>;
  groups: VarsGroup[];
  /** Paths of `vars` groups holding datasets that were left unread because the reader was told only which it needs. */
  unread?: string[];
}

/** `metadata.json` of a `.keras` archive. */
export interface KerasMetadata {
  keras_version: string;
  date_saved: string;
  [key: string]: unknown;
}

export interface KerasArchive extends WeightsStore {
  metadata: KerasMetadata;
  /** Parsed `config.json`: the `serialize_keras_object(model)` dictionary. */
  config: unknown;
  /** Other members (e.g. `assets/...`) keyed by their path inside the archive. */
  assets: Map<string, Uint8Array>;
}

export interface LegacyH5Model {
  kerasVersion: string | null;
  backend: string | null;
  /** Parsed root `model_config` attribute; null for a weights-only file. */
  modelConfig: unknown;
  trainingConfig: unknown;
  /** `layer_names`, in the order the file lists them. */
  layerNames: string[];
  /** Per layer, its variables in `weight_names` order. */
  layers: Map<string, NamedWeight[]>;
  /** Variables owned by the model itself (Keras 3's `top_level_model_weights` group); null when the file has none. */
  topLevelWeights: NamedWeight[] | null;
  optimizerWeights: NamedWeight[] | null;
}

/** Limits that keep a hostile file from exhausting memory or the stack. */
export interface ReadLimits {
  /** Largest total of uncompressed bytes a zip archive may expand to. Default 2 GiB. */
  maxUncompressedBytes: number;
  /** Largest number of members in a zip archive. Default 10,000. */
  maxEntries: number;
  /** Largest JSON document (config.json, model_config...) in bytes. Default 64 MiB. */
  maxJsonBytes: number;
  /** Deepest nesting of arrays and objects in a JSON document. Default 200. */
  maxJsonDepth: number;
  /** Largest total of decoded dataset bytes in one HDF5 file. Default 2 GiB. */
  maxDatasetBytes: number;
  /** Most objects (groups, datasets) walked in one HDF5 file. Default 100,000. */
  maxObjects: number;
  /** Largest file read from a path, in bytes. Default 2 GiB. */
  maxFileBytes: number;
  /**
   * A zip member may inflate to more than `expansionAllowanceBytes` only if it inflates to at most this many times
   * its stored size. Default 100, Keras's own bound (saving_lib's zip-bomb guard); Keras writes members stored (1:1).
   */
  maxExpansionRatio: number;
  /** Bytes any zip member may inflate to whatever its ratio. Default 16 MiB. */
  expansionAllowanceBytes: number;
  /**
   * Compressed (filtered) HDF5 datasets may decode to at most this many times the size of the file they came from
   * (for a `.keras` archive: the archive's size), all together. Keras never compresses weights. Default 16.
   */
  maxFilteredExpansion: number;
  /**
   * The weights a model config builds may exceed the weight data its file holds by at most this many bytes;
   * past it the config is refused before the weight is allocated (a Dense of 10^8 units in a small file).
   * Default 16 MiB.
   */
  maxUnbackedWeightBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxUncompressedBytes: 2 * 1024 ** 3,
  maxEntries: 10_000,
  maxJsonBytes: 64 * 1024 ** 2,
  maxJsonDepth: 200,
  maxDatasetBytes: 2 * 1024 ** 3,
  maxObjects: 100_000,
  maxFileBytes: 2 * 1024 ** 3,
  maxExpansionRatio: 100,
  expansionAllowanceBytes: 16 * 1024 ** 2,
  maxFilteredExpansion: 16,
  maxUnbackedWeightBytes: 16 * 1024 ** 2,
};

export function resolveLimits(limits?: Partial<ReadLimits>): ReadLimits {
  return { ...DEFAULT_READ_LIMITS, ...limits };
}

/** Options of every reader. */
export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** How errors name the file, e.g. its path. */
  description?: string;
  /**
   * Node: time limit in milliseconds for reading the HDF5 part of the file, which runs in a worker thread; past
   * it the file is refused as corrupt. Default 30 s plus 1 s per MiB; `Infinity` for no limit. Ignored in the browser.
   */
  readTimeoutMs?: number;
  /**
   * The size of the file these bytes came from, when they are a part of it (a `.keras` archive's
   * `model.weights.h5`); read budgets that depend on the file's size count against it. Default: the bytes' length.
   */
  sourceBytes?: number;
  /**
   * How to read a file that is both a zip archive and an HDF5 file (a polyglot): Keras decides by the file name
   * (`.keras`: zip, `.h5`/`.hdf5`: HDF5), and `loadModel` sets this from a path's extension. Without it such a file
   * is refused, unless its HDF5 part is simply the archive's own `model.weights.h5`.
   */
  container?: 'zip' | 'hdf5';
}

/** The Keras release whose files our writers reproduce; written as `keras_version` unless the caller says otherwise. */
export const KERAS_FORMAT_VERSION = '3.15.1';

/** Every refusal of this package is a KerasFileError, so callers can tell a bad file from a bug. */
export class KerasFileError extends Error {
  override name = 'KerasFileError';
}

/** A file refused because it declares more data than its bytes can back or than the read limits allow. */
export class KerasFileBudgetError extends KerasFileError {
  override name = 'KerasFileBudgetError';
}

/** A file refused because it reaches outside itself: external raw storage, external links, virtual datasets. */
export class KerasFileExternalError extends KerasFileError {
  override name = 'KerasFileExternalError';
}
