import { describe, expect, it } from 'vitest';
import * as ops from '../index';
import { opSpecOf } from '../core/define-op';
import { signatureOf } from './signatures';

describe('every op of the package has a Keras signature to record and save its nodes with', () => {
  it('finds each op in the table generated from Keras, under the module it declares', () => {
    const namespaces = [ops, ops.nn, ops.numpy, ops.linalg, ops.image] as Array<Record<string, unknown>>;
    const missing: string[] = [];
    const otherModule: string[] = [];
    let count = 0;
    for (const namespace of namespaces) {
      for (const value of Object.values(namespace)) {
        const spec = opSpecOf(value);
        if (!spec) continue;
        count++;
        const signature = signatureOf(spec.module, spec.name);
        if (!signature) missing.push(`${spec.module}.${spec.name}`);
        else if (signature.key !== `${spec.module}.${spec.name}`) otherModule.push(`${spec.module}.${spec.name} (Keras: ${signature.key})`);
      }
    }
    expect(count).toBeGreaterThan(300);
    expect(missing).toEqual([]);
    expect(otherModule).toEqual([]);
  });
});
