/**
 * A small reader of NumPy's `.npy` and `.npz` files, for golden files written
 * by real Keras. The toolkit keeps its own (rather than importing
 * @strata/datasets') so that it depends on no Strata package: every package,
 * backend included, lists it as a dev dependency, and turbo refuses cycles.
 */
import { unzipSync } from 'fflate';

export type NpyDtype = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'b1';

/** An array read from a `.npy` file: NumPy's dtype code, the shape and the data, C order. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | BigInt64Array | Uint8Array | Uint16Array | Uint32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

const ARRAY_TYPES = {
  f4: Float32Array,
  f8: Float64Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  b1: Uint8Array,
} as const;

/** Parses a little-endian, C-order `.npy` file (format 1, 2 or 3); `name` appears in errors. */
export function parseNpy(bytes: Uint8Array, name = 'the .npy data'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${name} is not a NumPy .npy file: its first bytes are not the \\x93NUMPY magic.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new Error(`${name} uses .npy format version ${major}; versions 1 to 3 are supported.`);
  const headerStart = major === 1 ? 10 : 12;
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([<>|=])([a-z]\d)'/.exec(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === null || shapeText === undefined) throw new Error(`${name} has a malformed header: ${JSON.stringify(header.trim())}.`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${name} is stored in Fortran order; C order was expected.`);
  const dtype = descr[2] as NpyDtype;
  const ArrayType = ARRAY_TYPES[dtype];
  if (ArrayType === undefined) throw new Error(`${name} has dtype '${descr[1]}${descr[2]}', which this reader does not know.`);
  if (descr[1] === '>' && ArrayType.BYTES_PER_ELEMENT > 1) throw new Error(`${name} is big-endian; little-endian was expected.`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = headerStart + headerLength;
  const end = start + count * ArrayType.BYTES_PER_ELEMENT;
  if (end > bytes.length) throw new Error(`${name} is truncated: shape (${shape.join(', ')}) needs ${end - start} bytes, found ${bytes.length - start}.`);
  // slice() copies, so the typed array is aligned and owns its memory.
  return { dtype, shape, data: new ArrayType(bytes.slice(start, end).buffer) };
}

/** Parses a `.npz` archive into its arrays by name (without `.npy`), in the order they were stored. */
export function parseNpz(bytes: Uint8Array, name = 'the .npz data'): Map<string, NpyArray> {
  const arrays = new Map<string, NpyArray>();
  for (const [entry, data] of Object.entries(unzipSync(bytes))) {
    if (entry.endsWith('.npy')) arrays.set(entry.slice(0, -4), parseNpy(data, `${name}: ${entry}`));
  }
  return arrays;
}
