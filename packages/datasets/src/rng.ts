/**
 * A seeded random number generator that reproduces NumPy's legacy
 * `np.random.RandomState(seed)`: the MT19937 Mersenne Twister seeded with
 * `init_genrand(seed)`, bounded integers by NumPy's masked rejection sampling
 * (`random_interval`), and `shuffle` as NumPy's Fisher–Yates loop from the
 * last index down. Keras shuffles with exactly this generator
 * (`boston_housing` and `imdb` with seed 113), so the same seed gives the
 * same order here as in Python.
 */
export class RandomState {
  private readonly state = new Uint32Array(624);
  private index = 624;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new Error(`RandomState expects a seed that is an integer in [0, 2**32 - 1], received ${seed}.`);
    }
    this.state[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const previous = this.state[i - 1] ^ (this.state[i - 1] >>> 30);
      // 1812433253 * previous + i, modulo 2**32, without losing precision.
      this.state[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  /** The next raw 32-bit output of MT19937 (NumPy's `next_uint32`). */
  nextUint32(): number {
    if (this.index >= 624) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A float in [0, 1) with 53 random bits, as NumPy's `random_sample`. */
  random(): number {
    const high = this.nextUint32() >>> 5;
    const low = this.nextUint32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** An integer in [0, max] inclusive, by NumPy's masked rejection (`random_interval`). */
  interval(max: number): number {
    if (max === 0) return 0;
    if (max > 0xffffffff) throw new Error(`RandomState.interval supports bounds up to 2**32 - 1, received ${max}.`);
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Shuffles in place exactly as `RandomState.shuffle` shuffles a 1-D array. */
  shuffle<T>(items: { length: number; [index: number]: T }): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.interval(i);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
  }

  /** `np.random.RandomState(seed).permutation(n)`: 0..n-1 shuffled. */
  permutation(count: number): Int32Array {
    const indices = new Int32Array(count);
    for (let i = 0; i < count; i++) indices[i] = i;
    this.shuffle(indices);
    return indices;
  }

  private twist(): void {
    const state = this.state;
    for (let i = 0; i < 624; i++) {
      const y = (state[i] & 0x80000000) | (state[(i + 1) % 624] & 0x7fffffff);
      let next = state[(i + 397) % 624] ^ (y >>> 1);
      if (y & 1) next ^= 0x9908b0df;
      state[i] = next >>> 0;
    }
    this.index = 0;
  }
}

/** A seed for callers that gave none, drawn like Keras's `np.random.randint(1e6)`. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 1e6);
}
