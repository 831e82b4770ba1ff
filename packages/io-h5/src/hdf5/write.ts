import { KerasFileError, type WeightArray } from '../types';
import { hdf5DtypeOf, validateWeightArray } from '../weight-array';
import type { Hdf5File, Hdf5Group } from './runtime';

/**
 * Writing helpers that reproduce the HDF5 types h5py gives Keras's values:
 * a Python `str` becomes a variable-length UTF-8 string, `bytes` (and lists
 * of bytes) a variable-length ASCII string, and an empty list an empty
 * float64 array.
 */
export type StringKind = 'utf8' | 'ascii';

/** Keras's HDF5_OBJECT_HEADER_LIMIT: longer string lists are split into name0, name1, ... */
const OBJECT_HEADER_LIMIT = 64512;

export function setStringAttribute(target: Hdf5Group, name: string, value: string, kind: StringKind): void {
  target.create_attribute(name, value, null, kind === 'utf8' ? 'S' : 'A');
}

/**
 * A list of names as `legacy_h5_format.save_attributes_to_hdf5_group` stores
 * it, including its split into chunks when numpy's fixed-width array of the
 * names would exceed the object-header limit.
 */
export function setStringListAttribute(target: Hdf5Group, name: string, values: string[]): void {
  if (values.length === 0) {
    target.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  const encoder = new TextEncoder();
  const widest = Math.max(...values.map((value) => encoder.encode(value).length));
  if (widest > OBJECT_HEADER_LIMIT) {
    throw new KerasFileError(`Cannot save attribute ${name}: an entry is ${widest} bytes long, more than HDF5's object header limit of ${OBJECT_HEADER_LIMIT}.`);
  }
  let chunkCount = 1;
  while (arraySplit(values, chunkCount).some((chunk) => chunk.length * Math.max(...chunk.map((value) => encoder.encode(value).length)) > OBJECT_HEADER_LIMIT)) chunkCount++;
  if (chunkCount === 1) {
    target.create_attribute(name, values, [values.length], 'A');
    return;
  }
  arraySplit(values, chunkCount).forEach((chunk, index) => {
    target.create_attribute(`${name}${index}`, chunk, [chunk.length], 'A');
  });
}

/** numpy.array_split: the first `length % parts` chunks get one extra item. */
function arraySplit<T>(values: T[], parts: number): T[][] {
  const base = Math.floor(values.length / parts);
  const extra = values.length % parts;
  const chunks: T[][] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const size = base + (part < extra ? 1 : 0);
    chunks.push(values.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/** The group at `path` (slash-separated, relative to the file root), created level by level as needed. */
export function ensureGroup(file: Hdf5File, path: string): Hdf5Group {
  let current: Hdf5Group = file;
  for (const part of path.split('/').filter((segment) => segment !== '')) {
    const existing = current.keys().includes(part) ? current.get(part) : null;
    if (existing === null) {
      current = current.create_group(part) as Hdf5Group;
    } else if ((existing as { type?: string }).type === 'Group') {
      current = existing as Hdf5Group;
    } else {
      throw new KerasFileError(`Cannot create group ${path}: ${part} is already a dataset.`);
    }
  }
  return current;
}

/** A contiguous, uncompressed, little-endian dataset, as h5py writes numpy arrays. */
export function writeDataset(parent: Hdf5Group, name: string, array: WeightArray, where: string): void {
  validateWeightArray(array, where);
  if (parent.keys().includes(name)) throw new KerasFileError(`${where}: ${parent.path}/${name} is written twice.`);
  parent.create_dataset({ name, data: array.data, shape: array.shape, dtype: hdf5DtypeOf(array.dtype) });
}

/** Writes a dataset at a slash-separated path below `parent`, creating the groups in between. */
export function writeDatasetAtPath(file: Hdf5File, parentPath: string, relativePath: string, array: WeightArray, where: string): void {
  const parts = relativePath.split('/').filter((segment) => segment !== '');
  if (parts.length === 0) throw new KerasFileError(`${where}: the weight name ${JSON.stringify(relativePath)} is empty.`);
  const groupPath = [parentPath, ...parts.slice(0, -1)].filter((segment) => segment !== '').join('/');
  writeDataset(ensureGroup(file, groupPath), parts[parts.length - 1], array, where);
}
