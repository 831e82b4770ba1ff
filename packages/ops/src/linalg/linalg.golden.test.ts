import { useBackend } from '@strata/backend';
import { beforeAll, describe } from 'vitest';
import * as ops from '../index';
import { itMatchesKeras } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.ops.linalg matches Keras 3.15.1', () => {
  itMatchesKeras('linalg.json', { 'ops.linalg': ops.linalg as unknown as Record<string, unknown> });
});
