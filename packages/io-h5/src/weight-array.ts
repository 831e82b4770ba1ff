import { KerasFileError, type WeightArray, type WeightData, type WeightDtype } from './types';

/** h5wasm's dtype strings (numpy-style: byte order, kind letter) for each dtype we support. */
const HDF5_DTYPE_BY_WEIGHT_DTYPE: Record<WeightDtype, string> = {
  float32: '<f',
  float64: '<d',
  int8: '<b',
  int16: '<h',
  int32: '<i',
  int64: '<q',
  uint8: '<B',
  uint16: '<H',
  uint32: '<I',
  uint64: '<Q',
};

const WEIGHT_DTYPE_BY_HDF5_DTYPE = new Map<string, WeightDtype>(
  Object.entries(HDF5_DTYPE_BY_WEIGHT_DTYPE).map(([weightDtype, hdf5Dtype]) => [hdf5Dtype, weightDtype as WeightDtype]),
);

const ARRAY_CLASS_BY_DTYPE: Record<WeightDtype, { new (length: number): WeightData; name: string }> = {
  float32: Float32Array,
  float64: Float64Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  uint64: BigUint64Array,
};

/** The typed-array class that holds a dtype's elements. */
export function arrayClassOf(dtype: WeightDtype): { new (length: number): WeightData; name: string } {
  return ARRAY_CLASS_BY_DTYPE[dtype];
}

export function hdf5DtypeOf(dtype: WeightDtype): string {
  return HDF5_DTYPE_BY_WEIGHT_DTYPE[dtype];
}

/** The weight dtype of an h5wasm dtype string, or null for kinds we refuse (strings, float16, big-endian...). */
export function weightDtypeOfHdf5(hdf5Dtype: unknown): WeightDtype | null {
  return typeof hdf5Dtype === 'string' ? (WEIGHT_DTYPE_BY_HDF5_DTYPE.get(hdf5Dtype) ?? null) : null;
}

export function bytesPerElement(dtype: WeightDtype): number {
  return (ARRAY_CLASS_BY_DTYPE[dtype] as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
}

/** Number of elements of a shape; the empty shape is a scalar with one element. */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const dimension of shape) size *= dimension;
  return size;
}

/**
 * Checks that a weight array is self-consistent: a known dtype, a typed array
 * of that dtype, non-negative integer dimensions and as many elements as the
 * shape says. `where` names the array in the error.
 */
export function validateWeightArray(array: WeightArray, where: string): WeightArray {
  const arrayClass = ARRAY_CLASS_BY_DTYPE[array.dtype];
  if (arrayClass === undefined) {
    throw new KerasFileError(`${where}: unsupported dtype ${JSON.stringify(array.dtype)}; expected one of ${Object.keys(ARRAY_CLASS_BY_DTYPE).join(', ')}.`);
  }
  if (!(array.data instanceof (arrayClass as unknown as Function))) {
    const received = (array.data as object)?.constructor?.name ?? typeof array.data;
    throw new KerasFileError(`${where}: dtype ${array.dtype} needs a ${arrayClass.name}, received ${received}.`);
  }
  if (!Array.isArray(array.shape) || !array.shape.every((dimension) => Number.isSafeInteger(dimension) && dimension >= 0)) {
    throw new KerasFileError(`${where}: shape ${JSON.stringify(array.shape)} is not a list of non-negative integers.`);
  }
  const expected = shapeSize(array.shape);
  if (expected !== array.data.length) {
    throw new KerasFileError(`${where}: shape [${array.shape.join(', ')}] holds ${expected} elements but the data has ${array.data.length}.`);
  }
  return array;
}

/** A validated weight array; `data` is used as is, not copied. */
export function createWeightArray(shape: number[], dtype: WeightDtype, data: WeightData): WeightArray {
  return validateWeightArray({ shape: [...shape], dtype, data }, 'weight array');
}
