import { useBackend } from '@strata/backend';
import { beforeAll, describe } from 'vitest';
import * as ops from '../index';
import { itMatchesKeras } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.ops.nn convolutions and pooling match Keras 3.15.1', () => {
  itMatchesKeras('nn_conv.json', { ops: ops as unknown as Record<string, unknown>, 'ops.nn': ops.nn as unknown as Record<string, unknown> });
});
