// Seeded bit-flip variants of a file, for the hang tests (test-only). Same RNG and recipe as scripts/find-hdf5-hangs.mjs,
// so a seed that script reports is the same variant here.

/** One flip: the byte offset and the bit (0 = lowest) to invert. */
export type BitFlip = [offset: number, bit: number];

/** mulberry32, a small seeded RNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1 to 4 flips of one bit each, anywhere in a file of `length` bytes. */
export function flipRecipe(seed: number, length: number): BitFlip[] {
  const random = seededRandom(seed);
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => [Math.floor(random() * length), Math.floor(random() * 8)] as BitFlip);
}

/** A copy of `bytes` with the flips applied. */
export function applyFlips(bytes: Uint8Array, flips: BitFlip[]): Uint8Array {
  const copy = bytes.slice();
  for (const [offset, bit] of flips) copy[offset] ^= 1 << bit;
  return copy;
}
