import { drawDefaultSeed } from '../initializers/seed';

/**
 * Seeds for random ops in layers (Dropout, noise). A layer given a seed draws a
 * new but reproducible seed each call, as Keras's SeedGenerator; without one,
 * seeds come from the global stream that `setRandomSeed` makes reproducible.
 */
const layerStates = new Map<number, number>();

/** splitmix32 step: a well-mixed next 32-bit state. */
function mix(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed for the next random op of a layer with `seed` (or of the global stream when null). */
export function nextSeed(seed: number | null | undefined): number {
  if (seed === null || seed === undefined) return drawDefaultSeed();
  const state = mix(layerStates.get(seed) ?? seed);
  layerStates.set(seed, state);
  return state;
}
