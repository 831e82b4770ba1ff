import { nextSeed } from '../engine/random';

/**
 * Seeds for the random image layers, one stream per layer as Keras's
 * SeedGenerator: two layers built with the same `seed` draw the same sequence
 * of transformations, call after call. Without a seed the layer draws from the
 * global stream (engine/random), which `setRandomSeed` makes reproducible.
 */
export class LayerSeedGenerator {
  private state: number;

  constructor(readonly seed: number | null) {
    this.state = seed === null ? 0 : seed >>> 0;
  }

  /** The seed for the next random op of this layer. */
  next(): number {
    if (this.seed === null) return nextSeed(null);
    // splitmix32 step: a well-mixed next 32-bit state.
    let z = (this.state + 0x9e3779b9) | 0;
    this.state = z >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }
}
