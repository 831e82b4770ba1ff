import { readHdf5Isolated } from './hdf5/isolate';
import { readHdf5Bytes } from './hdf5/runtime';
import { Hdf5Reader } from './hdf5/tree';
import { containerOf } from './container';
import { type KerasArchiveReadOptions, readKerasArchive } from './keras-archive';
import { readLegacyH5InThread } from './legacy-h5';
import { type KerasArchive, type LegacyH5Model, type ReadLimits, type ReadOptions, resolveLimits, type WeightsStore } from './types';
import { readWeightsH5InThread } from './weights-store';

export type KerasFileKind = 'keras-archive' | 'legacy-h5' | 'weights-h5';

export type KerasFile =
  | ({ kind: 'keras-archive' } & KerasArchive)
  | ({ kind: 'legacy-h5' } & LegacyH5Model)
  | ({ kind: 'weights-h5' } & WeightsStore);

/**
 * Which of Keras's file kinds `bytes` holds, judged by content rather than by
 * file name: a zip is a `.keras` archive; an HDF5 file with `model_config` or
 * `layer_names` at its root is legacy; any other HDF5 file is a Keras 3
 * weights store.
 */
export async function detectKerasFileKind(bytes: Uint8Array, options: ReadOptions = {}): Promise<KerasFileKind> {
  const limits = resolveLimits(options.limits);
  if (containerOf(bytes, options.description ?? 'Keras file', limits, options.container) === 'zip') return 'keras-archive';
  const description = options.description ?? 'Keras HDF5 file';
  return readHdf5Isolated({ task: 'detect', bytes, description, limits }, options, () => detectHdf5KindInThread(bytes, description, limits));
}

/** Reads any of Keras's three file kinds. */
export async function readKerasFile(bytes: Uint8Array, options: KerasArchiveReadOptions = {}): Promise<KerasFile> {
  const limits = resolveLimits(options.limits);
  if (containerOf(bytes, options.description ?? 'Keras file', limits, options.container) === 'zip') return { kind: 'keras-archive', ...(await readKerasArchive(bytes, options)) };
  // Detect and read in one trip to the HDF5 worker.
  const description = options.description ?? 'Keras HDF5 file';
  const { only } = options;
  return readHdf5Isolated({ task: 'any', bytes, description, callerDescription: options.description, limits, only }, options, () => readHdf5KerasFileInThread(bytes, options.description, limits, only));
}

/** The HDF5 kinds' detection, in the calling thread (the HDF5 worker runs this). */
export function detectHdf5KindInThread(bytes: Uint8Array, description: string, limits: ReadLimits): Promise<'legacy-h5' | 'weights-h5'> {
  return readHdf5Bytes(bytes, description, (file, library) => {
    const reader = new Hdf5Reader(library, file, bytes.length, description, limits);
    const legacy = ['model_config', 'layer_names', 'layer_names0'].some((name) => reader.hasAttribute(file, name));
    return legacy ? 'legacy-h5' : 'weights-h5';
  });
}

/** readKerasFile for an HDF5 file, in the calling thread (the HDF5 worker runs this). */
export async function readHdf5KerasFileInThread(bytes: Uint8Array, description: string | undefined, limits: ReadLimits, only?: string[]): Promise<KerasFile> {
  const kind = await detectHdf5KindInThread(bytes, description ?? 'Keras HDF5 file', limits);
  if (kind === 'legacy-h5') return { kind, ...(await readLegacyH5InThread(bytes, description ?? 'legacy Keras .h5 file', limits)) };
  return { kind, ...(await readWeightsH5InThread(bytes, description ?? 'Keras weights file', limits, undefined, only)) };
}
