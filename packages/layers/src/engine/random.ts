import { drawDefaultSeed } from '../initializers/seed';

/**
 * Seeds for random ops in layers (Dropout, noise). A layer given a seed draws a
 * new but reproducible seed each call from its own stream, as Keras's
 * SeedGenerator: two layers made with the same seed draw the same sequence.
 * Without a seed, seeds come from the global stream that `setRandomSeed` makes
 * reproducible.
 */
const ownerStates = new WeakMap<object, number>();
const sharedStates = new Map<number, number>();

/** splitmix32 step: a well-mixed next 32-bit state. */
function mix(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The seed for the next random op of `owner` (a layer) made with `seed`, or of
 * the global stream when the seed is null. Without an owner, every caller with
 * the same seed shares one stream.
 */
export function nextSeed(seed: number | null | undefined, owner?: object): number {
  if (seed === null || seed === undefined) return drawDefaultSeed();
  const previous = owner === undefined ? sharedStates.get(seed) : ownerStates.get(owner);
  const state = mix(previous ?? seed);
  if (owner === undefined) sharedStates.set(seed, state);
  else ownerStates.set(owner, state);
  return state;
}
