import { expect, it } from 'vitest';
import { readKerasFile } from './read-any';
import { readGoldenBytes } from './test-helpers';
import { KerasFileError } from './types';

it('fuzz', async () => {
  const originals = [readGoldenBytes('d_functional', 'model.weights.h5'), readGoldenBytes('e2_embedding_lstm', 'model.h5'), readGoldenBytes('a_mlp_tutorial', 'model.keras')];
  let seed = 99;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const outcomes: Record<string, number> = {};
  for (let trial = 0; trial < 1500; trial++) {
    const original = originals[trial % 3];
    const copy = original.slice();
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++) copy[Math.floor(random() * Math.min(copy.length, trial % 2 ? 8192 : copy.length))] ^= 1 << Math.floor(random() * 8);
    try {
      await readKerasFile(copy);
      outcomes.ok = (outcomes.ok ?? 0) + 1;
    } catch (error) {
      const key = error instanceof KerasFileError ? 'KerasFileError' : `OTHER ${String(error).slice(0, 100)}`;
      outcomes[key] = (outcomes[key] ?? 0) + 1;
    }
  }
  console.log(outcomes);
  expect((await readKerasFile(originals[0])).kind).toBe('weights-h5');
}, 600_000);
