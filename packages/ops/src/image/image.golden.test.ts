import { useBackend } from '@strata/backend';
import { beforeAll, describe } from 'vitest';
import * as ops from '../index';
import { itMatchesKeras } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.ops.image matches Keras 3.15.1', () => {
  itMatchesKeras('image.json', { 'ops.image': ops.image as unknown as Record<string, unknown> });
});
