import { hdf5SignatureOffset } from './hdf5/runtime';
import { KerasFileError, type ReadLimits } from './types';
import { hasZipEndRecord, hasZipSignature, openZip } from './zip/read-zip';

/**
 * Which container a Keras file is: a zip (`.keras`) or HDF5 (`.h5`), judged
 * by content. A file can be both at once (a polyglot): HDF5 allows a "user
 * block" before its superblock, so a zip can carry an HDF5 file at offset 512,
 * 1024, 2048..., and a zip's directory sits at the end of any file. Keras picks
 * by the file name (saving_api.load_model: `.keras` and zipfile.is_zipfile
 * read as zip, `.h5`/`.hdf5` as HDF5); we do the same when the caller says
 * which (`container`, set by loadModel from a path), and otherwise refuse,
 * unless the HDF5 part is the archive's own stored `model.weights.h5`, which
 * happens when that member starts at such an offset by chance.
 */
export function containerOf(bytes: Uint8Array, description: string, limits: ReadLimits, container?: 'zip' | 'hdf5'): 'zip' | 'hdf5' {
  const zipAtStart = hasZipSignature(bytes);
  const zipAnywhere = zipAtStart || hasZipEndRecord(bytes);
  const hdf5Offset = hdf5SignatureOffset(bytes);
  if (!zipAnywhere || hdf5Offset < 0) {
    if (zipAtStart) return 'zip';
    if (hdf5Offset >= 0) return 'hdf5';
    throw new KerasFileError(`${description}: not a Keras file: its ${bytes.length} bytes start with neither the zip signature (.keras) nor the HDF5 signature (.h5).`);
  }
  if (container === 'hdf5') return 'hdf5';
  if (container === 'zip') {
    if (!zipAtStart) throw new KerasFileError(`${description}: read as a .keras zip archive, but it does not start with a zip member (data comes before the archive), which Strata does not read.`);
    return 'zip';
  }
  if (zipAtStart && hdf5Offset > 0 && isOwnWeightsMember(bytes, hdf5Offset, description, limits)) return 'zip';
  throw new KerasFileError(
    `${description}: the file is both a zip archive and an HDF5 file (HDF5 signature at byte ${hdf5Offset}), so it could be read as a .keras archive or as a .h5 file. Keras decides by the file name; load it from a path ending in .keras or .h5, or pass container: 'zip' or 'hdf5'.`,
  );
}

/** Whether the HDF5 file found at `offset` is the archive's stored model.weights.h5 member. */
function isOwnWeightsMember(bytes: Uint8Array, offset: number, description: string, limits: ReadLimits): boolean {
  try {
    const weights = openZip(bytes, description, limits).entries.find((entry) => entry.name === 'model.weights.h5');
    return weights !== undefined && weights.dataOffset === offset && weights.compressedSize === weights.uncompressedSize;
  } catch {
    return false;
  }
}
