/**
 * A cheap check, before HDF5 sees the file, of the structure on which corrupt
 * Keras files were found to hang it: global heap collections ("GCOL"), where
 * the variable-length strings of Keras's attributes (model_config,
 * weight_names...) live.
 *
 * When HDF5 loads a collection it walks its objects, each a 16-byte header
 * (index, reference count, reserved, size) then the data padded to 8 bytes;
 * index 0 is the free space, whose size covers the rest of the collection
 * (H5HG__cache_heap_deserialize). A free-space object of size 0 leaves the
 * walk where it is, so it never ends; one bit flip in a size can put the walk
 * on such zeros. The worker's time limit (isolate.ts) remains the guarantee;
 * this only refuses the known case at once, and in the browser, where there
 * is no time limit.
 */
const SIGNATURE = [0x47, 0x43, 0x4f, 0x4c]; // "GCOL"
const HEADER_BYTES = 16;
/** H5HG_MINSIZE: HDF5 never makes a smaller collection. */
const MIN_COLLECTION_BYTES = 4096;

/** A sentence saying what is wrong with the first corrupt collection, or null when every collection walks cleanly. */
export function findCorruptGlobalHeap(bytes: Uint8Array): string | null {
  for (let at = bytes.indexOf(SIGNATURE[0]); at !== -1 && at + HEADER_BYTES <= bytes.length; at = bytes.indexOf(SIGNATURE[0], at + 1)) {
    if (!SIGNATURE.every((byte, index) => bytes[at + index] === byte)) continue;
    // Version 1 and three reserved zeros; then the collection's size (8-byte lengths, as h5py writes them).
    if (bytes[at + 4] !== 1 || bytes[at + 5] !== 0 || bytes[at + 6] !== 0 || bytes[at + 7] !== 0) continue;
    const size = readLength(bytes, at + 8);
    // Not a collection HDF5 would load (or not one at all): HDF5 itself refuses those before walking them.
    if (size < MIN_COLLECTION_BYTES || at + size > bytes.length) continue;
    const problem = walkCollection(bytes, at, at + size);
    if (problem !== null) return `its HDF5 global heap at byte ${at} is corrupt: ${problem}`;
  }
  return null;
}

function walkCollection(bytes: Uint8Array, start: number, end: number): string | null {
  let position = start + HEADER_BYTES;
  while (position < end) {
    // HDF5 takes a tail too short for a header as free space.
    if (position + HEADER_BYTES > end) return null;
    const index = bytes[position] | (bytes[position + 1] << 8);
    const size = readLength(bytes, position + 8);
    const need = index > 0 ? HEADER_BYTES + Math.ceil(size / 8) * 8 : size;
    if (need === 0) return `its free space at byte ${position} has size 0, on which the HDF5 library would loop forever.`;
    if (position + need > end) return `object ${index} at byte ${position} declares ${size} bytes, past the end of the collection at byte ${end}.`;
    position += need;
  }
  return null;
}

/** A little-endian 8-byte length, as a number (exact up to 2^53; larger ones are impossible sizes anyway). */
function readLength(bytes: Uint8Array, offset: number): number {
  let value = 0;
  for (let index = 7; index >= 0; index--) value = value * 256 + bytes[offset + index];
  return value;
}
