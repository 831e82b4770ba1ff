import { useBackend } from '@strata/backend';
import { UnknownOptionError } from '@strata/ops/options';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUC } from './auc';
import { SparseTopKCategoricalAccuracy } from './accuracy';

beforeAll(() => useBackend('cpu'));

/** Keras's keyword names given to a metric are errors naming the camelCase key, never a silent default. */
describe('metric option keys', () => {
  it("refuse Keras's snake_case names, naming the camelCase key meant", () => {
    expect(() => new AUC({ num_thresholds: 50 } as never)).toThrow(
      new UnknownOptionError("AUC received an unknown option `num_thresholds`: Strata spells Keras's `num_thresholds` in camelCase, `numThresholds`.", 'AUC', 'num_thresholds', 'numThresholds'),
    );
    expect(() => new SparseTopKCategoricalAccuracy({ k: 3, from_sorted_ids: true } as never)).toThrow(/`from_sorted_ids`.*`fromSortedIds`/);
    const auc = new AUC({ numThresholds: 50 });
    expect(auc.numThresholds).toBe(50);
    auc.dispose();
  });
});
