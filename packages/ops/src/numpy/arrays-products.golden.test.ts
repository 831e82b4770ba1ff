import { useBackend } from '@strata/backend';
import { beforeAll, describe } from 'vitest';
import * as ops from '../index';
import { itMatchesKeras } from '../test-support/golden';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('products, einsum, diagonals, padding, differences and slogdet match Keras 3.15.1', () => {
  itMatchesKeras('numpy_arrays_products.json', { ops: ops as unknown as Record<string, unknown> });
});
