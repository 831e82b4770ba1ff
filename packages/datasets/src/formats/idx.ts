/** An array read from an IDX file (the format of the MNIST and Fashion-MNIST files). */
export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

/**
 * Parses uncompressed IDX data: two zero bytes, a type byte (only 0x08,
 * unsigned byte, is used by these data sets), the number of dimensions, one
 * big-endian uint32 per dimension, then the data row-major. The returned data
 * is a view on `bytes` (no copy), so a 47 MB train set is not duplicated.
 */
export function parseIdx(bytes: Uint8Array, name = 'the IDX data', expectedDimensions?: number): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    throw new Error(`${name} is not an IDX file: it does not start with the two zero bytes of the IDX magic number.`);
  }
  if (bytes[2] !== 0x08) {
    const type = bytes[2].toString(16).padStart(2, '0');
    throw new Error(`${name} has IDX data type 0x${type}, but only 0x08 (unsigned byte) is supported.`);
  }
  const dimensions = bytes[3];
  if (expectedDimensions !== undefined && dimensions !== expectedDimensions) {
    throw new Error(
      `${name} has IDX magic 0x${(0x800 + dimensions).toString(16).padStart(8, '0')} (${dimensions} dimensions), ` +
        `expected 0x${(0x800 + expectedDimensions).toString(16).padStart(8, '0')} (${expectedDimensions} dimensions).`,
    );
  }
  const headerLength = 4 + 4 * dimensions;
  if (bytes.length < headerLength) {
    throw new Error(`${name} is truncated inside its header: ${bytes.length} bytes, the header alone needs ${headerLength}.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < dimensions; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((product, size) => product * size, 1);
  const available = bytes.length - headerLength;
  if (available !== count) {
    const problem = available < count ? 'is truncated' : 'has trailing bytes';
    throw new Error(
      `${name} ${problem}: its dimensions [${shape.join(', ')}] need ${count} bytes of data, found ${available}.`,
    );
  }
  return { shape, data: bytes.subarray(headerLength) };
}

/** Encodes an unsigned-byte IDX file (for tests and for writing data sets in the MNIST layout). */
export function encodeIdx(shape: number[], data: Uint8Array): Uint8Array {
  const headerLength = 4 + 4 * shape.length;
  const out = new Uint8Array(headerLength + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x800 + shape.length, false);
  for (let i = 0; i < shape.length; i++) view.setUint32(4 + 4 * i, shape[i], false);
  out.set(data, headerLength);
  return out;
}
