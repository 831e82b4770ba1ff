import { hasHdf5Signature, readHdf5Bytes } from './hdf5/runtime';
import { Hdf5Reader } from './hdf5/tree';
import { readKerasArchive } from './keras-archive';
import { readLegacyH5 } from './legacy-h5';
import { KerasFileError, type KerasArchive, type LegacyH5Model, type ReadLimits, resolveLimits, type WeightsStore } from './types';
import { readWeightsH5 } from './weights-store';
import { hasZipSignature } from './zip/read-zip';

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
export async function detectKerasFileKind(bytes: Uint8Array, options: { limits?: Partial<ReadLimits> } = {}): Promise<KerasFileKind> {
  if (hasZipSignature(bytes)) return 'keras-archive';
  if (!hasHdf5Signature(bytes)) {
    throw new KerasFileError(`Not a Keras file: its ${bytes.length} bytes start with neither the zip signature (.keras) nor the HDF5 signature (.h5).`);
  }
  const limits = resolveLimits(options.limits);
  return readHdf5Bytes(bytes, 'Keras HDF5 file', (file, library) => {
    const reader = new Hdf5Reader(library, file, bytes.length, 'Keras HDF5 file', limits);
    const legacy = ['model_config', 'layer_names', 'layer_names0'].some((name) => reader.hasAttribute(file, name));
    return legacy ? 'legacy-h5' : 'weights-h5';
  });
}

/** Reads any of Keras's three file kinds. */
export async function readKerasFile(bytes: Uint8Array, options: { limits?: Partial<ReadLimits> } = {}): Promise<KerasFile> {
  const kind = await detectKerasFileKind(bytes, options);
  if (kind === 'keras-archive') return { kind, ...(await readKerasArchive(bytes, options)) };
  if (kind === 'legacy-h5') return { kind, ...(await readLegacyH5(bytes, options)) };
  return { kind, ...(await readWeightsH5(bytes, options)) };
}
