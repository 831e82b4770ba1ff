import { UnknownOptionError } from '@strata/ops/options';
import { describe, expect, it } from 'vitest';
import { SparseCategoricalCrossentropy } from './categorical';
import { Huber } from './regression';

/** Keras's `SparseCategoricalCrossentropy(from_logits=True)` written with its keyword name must not run with fromLogits false. */
describe('loss option keys', () => {
  it("refuse Keras's snake_case names, naming the camelCase key meant", () => {
    expect(() => new SparseCategoricalCrossentropy({ from_logits: true } as never)).toThrow(
      new UnknownOptionError(
        "SparseCategoricalCrossentropy received an unknown option `from_logits`: Strata spells Keras's `from_logits` in camelCase, `fromLogits`.",
        'SparseCategoricalCrossentropy',
        'from_logits',
        'fromLogits',
      ),
    );
    expect(() => new Huber({ delta: 2, ignore_class: 1 } as never)).toThrow(/`ignore_class`.*`ignoreClass`/);
    expect(new SparseCategoricalCrossentropy({ fromLogits: true }).fromLogits).toBe(true);
  });
});
