import { useBackend } from '@strata/backend';
import { beforeAll, describe } from 'vitest';
import * as ops from '../index';
import { itMatchesKeras } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.ops numpy reductions ops match Keras 3.15.1', () => {
  itMatchesKeras('numpy_reductions.json', { ops: ops as unknown as Record<string, unknown> });
});
