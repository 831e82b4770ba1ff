import { describe, expect, it } from 'vitest';
import { RandomState } from './rng';

// Expected values printed by NumPy 2.4 (np.random.RandomState, the generator Keras uses for its shuffles).
describe('RandomState', () => {
  it('permutes as np.random.RandomState(113).permutation', () => {
    expect(Array.from(new RandomState(113).permutation(10))).toEqual([9, 3, 6, 1, 0, 7, 4, 8, 2, 5]);
    expect(Array.from(new RandomState(113).permutation(506).subarray(0, 5))).toEqual([22, 202, 368, 335, 461]);
  });

  it('shuffles and draws floats as NumPy', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    new RandomState(7).shuffle(items);
    expect(items.slice(0, 8)).toEqual([778, 334, 271, 802, 216, 408, 812, 94]);
    expect(new RandomState(5).random()).toBe(0.22199317108973948);
  });

  it('refuses seeds NumPy refuses', () => {
    expect(() => new RandomState(-1)).toThrow(/integer in \[0, 2\*\*32 - 1\], received -1/);
  });
});
