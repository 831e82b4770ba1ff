/**
 * Seeds for random ops in layers (Dropout, noise). A layer given a seed draws a
 * new but reproducible seed each call, as Keras's SeedGenerator; without one,
 * seeds come from a global stream that `setLayerRandomSeed` makes reproducible.
 */
let globalState = Math.floor(Math.random() * 2 ** 31);
const layerStates = new Map<number, number>();

/** splitmix32: a small, well-mixed step from one 32-bit state to the next. */
function mix(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function setLayerRandomSeed(seed: number): void {
  globalState = seed >>> 0;
  layerStates.clear();
}

/** The seed for the next random op of a layer with `seed` (or of the global stream when null). */
export function nextSeed(seed: number | null | undefined): number {
  if (seed === null || seed === undefined) {
    globalState = mix(globalState);
    return globalState;
  }
  const state = mix(layerStates.get(seed) ?? seed);
  layerStates.set(seed, state);
  return state;
}
