import { unzipSync } from 'fflate';

/** An array read from a NumPy `.npy` file: its dtype (NumPy's descr), shape and data. */
export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array | BigInt64Array;
}

export type NpyDtype = 'f4' | 'f8' | 'i1' | 'i2' | 'i4' | 'i8' | 'u1' | 'u2' | 'u4' | 'b1';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/**
 * Parses a `.npy` file (format versions 1, 2 and 3, little-endian or one-byte
 * dtypes, C order). Refuses anything else with an error that names the problem.
 */
export function parseNpy(bytes: Uint8Array, name = 'the .npy data'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${name} is not a NumPy .npy file: its first bytes are not the \\x93NUMPY magic.`);
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let offset: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    offset = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new Error(`${name} is truncated inside its header.`);
    headerLength = view.getUint32(8, true);
    offset = 12;
  } else {
    throw new Error(`${name} uses .npy format version ${major}, which is not supported (1, 2 or 3 are).`);
  }
  if (offset + headerLength > bytes.length) throw new Error(`${name} is truncated inside its header.`);
  const header = new TextDecoder().decode(bytes.subarray(offset, offset + headerLength));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`${name} has a malformed header: ${JSON.stringify(header.trim())}.`);
  }
  if (fortran === 'True') throw new Error(`${name} is stored in Fortran order, which is not supported.`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name} has an invalid dimension '${s}' in its shape.`);
      return n;
    });
  const byteOrder = descr[0];
  const dtype = descr.slice(1) as NpyDtype;
  const itemSize = ITEM_SIZES[dtype];
  if (itemSize === undefined) throw new Error(`${name} has dtype '${descr}', which is not supported.`);
  if (byteOrder === '>' && itemSize > 1) throw new Error(`${name} is big-endian ('${descr}'), which is not supported.`);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = offset + headerLength;
  const needed = count * itemSize;
  if (bytes.length - start < needed) {
    throw new Error(`${name} is truncated: shape [${shape.join(', ')}] needs ${needed} bytes of data, found ${bytes.length - start}.`);
  }
  // Copy so the typed array is aligned and owns its memory.
  const raw = bytes.slice(start, start + needed).buffer;
  return { dtype, shape, data: makeTypedArray(dtype, raw) };
}

const ITEM_SIZES: Record<string, number> = { f4: 4, f8: 8, i1: 1, i2: 2, i4: 4, i8: 8, u1: 1, u2: 2, u4: 4, b1: 1 };

function makeTypedArray(dtype: NpyDtype, raw: ArrayBuffer): NpyArray['data'] {
  switch (dtype) {
    case 'f4':
      return new Float32Array(raw);
    case 'f8':
      return new Float64Array(raw);
    case 'i1':
      return new Int8Array(raw);
    case 'i2':
      return new Int16Array(raw);
    case 'i4':
      return new Int32Array(raw);
    case 'i8':
      return new BigInt64Array(raw);
    case 'u1':
    case 'b1':
      return new Uint8Array(raw);
    case 'u2':
      return new Uint16Array(raw);
    case 'u4':
      return new Uint32Array(raw);
  }
}

/** Parses a `.npz` archive (stored or deflated zip of `.npy` files) into arrays by name, without the `.npy` suffix. */
export function parseNpz(bytes: Uint8Array, name = 'the .npz data'): Map<string, NpyArray> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (cause) {
    throw new Error(`${name} is not a valid .npz (zip) archive: ${(cause as Error).message}.`, { cause });
  }
  const arrays = new Map<string, NpyArray>();
  for (const [entry, data] of Object.entries(entries)) {
    if (!entry.endsWith('.npy')) continue;
    const key = entry.slice(0, -4);
    arrays.set(key, parseNpy(data, `${name}: ${entry}`));
  }
  return arrays;
}

/** Encodes an array as a version 1 `.npy` file (as `numpy.save` writes it). */
export function encodeNpy(array: NpyArray): Uint8Array {
  const shapeText = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  const descr = `${ITEM_SIZES[array.dtype] === 1 ? '|' : '<'}${array.dtype}`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(10 + headerBytes.length + data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(data, 10 + headerBytes.length);
  return out;
}
