import { drawDefaultSeed } from '../initializers/seed';

/** splitmix32 step: a well-mixed next 32-bit state. */
function mix(state: number): number {
  let z = (state + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Keras's `keras.random.SeedGenerator`: a stream of seeds. Passed as the seed
 * of a random op, it gives a new draw each call, and two generators made with
 * the same seed give the same sequence of draws. Without a seed it starts from
 * the global stream, which `setRandomSeed` makes reproducible.
 */
export class SeedGenerator {
  static readonly className = 'SeedGenerator';
  readonly seed: number;
  private state: number;

  constructor(seed: number | null = null) {
    if (seed !== null && !Number.isFinite(seed)) throw new TypeError(`SeedGenerator: \`seed\` must be a finite number or null. Received: ${seed}.`);
    this.seed = seed === null ? drawDefaultSeed() : Math.trunc(seed) >>> 0;
    this.state = this.seed;
  }

  /** The seed of the next random op, advancing the stream. */
  next(): number {
    this.state = mix(this.state);
    return this.state;
  }

  getConfig(): Record<string, unknown> {
    return { seed: this.seed };
  }

  static fromConfig(config: Record<string, unknown>): SeedGenerator {
    return new SeedGenerator((config.seed as number | null) ?? null);
  }
}

/** A seed as Keras's random ops take it: a number (the same draw each call), a SeedGenerator (the next draw of its stream), or null (the global stream). */
export type RandomSeed = number | SeedGenerator | null;

/** The seed for one random op. */
export function drawSeed(seed: RandomSeed | undefined): number {
  if (seed instanceof SeedGenerator) return seed.next();
  if (seed === null || seed === undefined) return drawDefaultSeed();
  if (!Number.isFinite(seed)) throw new TypeError(`A random op's \`seed\` must be a finite number, a SeedGenerator or null. Received: ${seed}.`);
  return Math.trunc(seed) >>> 0;
}

/** A second, independent seed derived from one (for ops that draw twice, as beta does). */
export function deriveSeed(seed: number, index: number): number {
  return mix((seed + Math.imul(index, 0x632be5ab)) | 0);
}
