import { useBackend } from '@strata/backend';
import { beforeAll, describe, expect, it } from 'vitest';
import { getMetric } from './index';

beforeAll(() => useBackend('cpu'));

describe('getMetric and inherited property names', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`'${name}' is not a metric`, () => {
      expect(() => getMetric(name)).toThrow(`Could not interpret metric identifier '${name}'`);
    });
  }

  it('a real name still resolves', () => {
    const metric = getMetric('mae');
    expect(metric.name).toBe('mae');
    metric.dispose();
  });
});
