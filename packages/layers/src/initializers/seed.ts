/**
 * Seeds for initializers. Keras 3 gives every unseeded initializer a seed
 * when it is constructed (`random.make_default_seed()`), drawn from a global
 * stream that `keras.utils.set_random_seed` resets; we do the same with a
 * counter-based stream, so the n-th draw after `setRandomSeed(s)` is always
 * the same number.
 */

let streamSeed = Math.floor(Math.random() * 2 ** 32) >>> 0;
let drawCount = 0;

/** splitmix32's finaliser: spreads a 32-bit counter into a well-mixed 32-bit value. */
function mix(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Makes every unseeded initializer constructed from now on reproducible, as
 * `keras.utils.set_random_seed(seed)` does; unseeded Dropout and other
 * layer-level random ops draw from the same stream (engine/random).
 */
export function setRandomSeed(seed: number): void {
  if (!Number.isFinite(seed)) throw new Error(`setRandomSeed expects a finite number; received ${seed}.`);
  streamSeed = Math.trunc(seed) >>> 0;
  drawCount = 0;
}

/** The next seed of the global stream: a function of the last `setRandomSeed` value and a draw counter. */
export function drawDefaultSeed(): number {
  drawCount++;
  // Add the counter times the golden-ratio constant before mixing (splitmix's step).
  return mix((streamSeed + Math.imul(drawCount, 0x9e3779b9)) | 0);
}
