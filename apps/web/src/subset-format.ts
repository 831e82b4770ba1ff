/**
 * The MNIST subset the page trains on, as one small binary file made at
 * build time from the real IDX files (build/mnist-subset-plugin.ts) and
 * fetched by the page: no request leaves the app's own server.
 *
 * Layout (little-endian): the magic "SMN1", then uint32 train count, uint32
 * test count, then the train images (count × 784 bytes, row-major 28×28,
 * 0..255), the train labels (count bytes), the test images, the test labels.
 */
export const SUBSET_MAGIC = 'SMN1';
export const IMAGE_SIZE = 28 * 28;
const HEADER_BYTES = 12;

export interface DigitSplit {
  /** count × 784 pixels, 0..255, row-major. */
  images: Uint8Array;
  /** count labels, 0..9. */
  labels: Uint8Array;
  count: number;
}

export interface DigitSubset {
  train: DigitSplit;
  test: DigitSplit;
}

export function encodeSubset(subset: DigitSubset): Uint8Array {
  const { train, test } = subset;
  const bytes = new Uint8Array(HEADER_BYTES + (train.count + test.count) * (IMAGE_SIZE + 1));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 4; i++) bytes[i] = SUBSET_MAGIC.charCodeAt(i);
  view.setUint32(4, train.count, true);
  view.setUint32(8, test.count, true);
  let offset = HEADER_BYTES;
  for (const part of [train.images, train.labels, test.images, test.labels]) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

export function decodeSubset(bytes: Uint8Array, name = 'the MNIST subset'): DigitSubset {
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (bytes.length < HEADER_BYTES || magic !== SUBSET_MAGIC) {
    throw new Error(`${name} is not a Strata MNIST subset: it starts with '${magic}', expected '${SUBSET_MAGIC}'.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const trainCount = view.getUint32(4, true);
  const testCount = view.getUint32(8, true);
  const expected = HEADER_BYTES + (trainCount + testCount) * (IMAGE_SIZE + 1);
  if (bytes.length !== expected) {
    throw new Error(
      `${name} holds ${bytes.length} bytes, but its header (${trainCount} train and ${testCount} test images) needs ${expected}.`,
    );
  }
  let offset = HEADER_BYTES;
  const take = (length: number) => bytes.subarray(offset, (offset += length));
  const trainImages = take(trainCount * IMAGE_SIZE);
  const trainLabels = take(trainCount);
  const testImages = take(testCount * IMAGE_SIZE);
  const testLabels = take(testCount);
  return {
    train: { images: trainImages, labels: trainLabels, count: trainCount },
    test: { images: testImages, labels: testLabels, count: testCount },
  };
}
