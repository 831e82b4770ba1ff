// modelToDot against the DOT text Keras 3.15.1 writes with pydot (golden/model-to-dot.json, written by
// scripts/golden_model_to_dot.py) for the same models. Keras names nodes by Python object ids; both sides are
// compared with node names renumbered in order of first appearance.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { Concatenate, Dense, Dropout, Input, type SymbolicTensor, clearSession } from '@strata/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../model';
import { Sequential } from '../sequential';
import { type ModelToDotOptions, dotId, modelToDot } from './model-to-dot';

const golden = JSON.parse(readFileSync(new URL('../../golden/model-to-dot.json', import.meta.url), 'utf8')) as {
  cases: Array<{ model: string; options: string; kwargs: Record<string, unknown>; dot: string }>;
};

/** Renames numeric node names (`140342153298672`, `3`) to n1, n2... in order of first appearance. */
function normalize(dot: string): string {
  const names = new Map<string, string>();
  return dot.replace(/^(\d+)(?= \[| ->)|(?<=-> )(\d+)(?= \[)/gm, (id) => {
    if (!names.has(id)) names.set(id, `n${names.size + 1}`);
    return names.get(id) as string;
  });
}

function sequential(): Sequential {
  return new Sequential(
    [Input({ shape: [4], name: 'features' }), new Dense(8, { activation: 'relu', name: 'hidden' }), new Dropout(0.5, { name: 'drop' }), new Dense(3, { activation: 'softmax', name: 'probabilities' })],
    { name: 'mlp' },
  );
}

function functional(): Model {
  const left = Input({ shape: [5], name: 'left' });
  const right = Input({ shape: [3], name: 'right' });
  const a = new Dense(4, { activation: 'tanh', name: 'left_dense' }).apply(left) as SymbolicTensor;
  let b = new Dense(4, { name: 'right_dense' }).apply(right) as SymbolicTensor;
  const frozen = new Dense(4, { name: 'frozen' });
  frozen.trainable = false;
  b = frozen.apply(b) as SymbolicTensor;
  const merged = new Concatenate({ name: 'merge' }).apply([a, b]);
  const out = new Dense(1, { activation: 'sigmoid', name: 'score' }).apply(merged as SymbolicTensor);
  return new Model({ inputs: [left, right], outputs: out, name: 'two_towers' });
}

function nested(): Model {
  const inner = new Sequential([Input({ shape: [6] }), new Dense(6, { activation: 'relu', name: 'inner_a' }), new Dense(2, { name: 'inner_b' })], { name: 'block' });
  const inputs = Input({ shape: [6], name: 'x' });
  const h = inner.apply(new Dense(6, { name: 'pre' }).apply(inputs));
  return new Model({ inputs, outputs: new Dense(1, { name: 'head' }).apply(h), name: 'outer' });
}

beforeAll(() => useBackend('cpu'));

const builders: Record<string, () => Model> = { sequential, functional, nested };

function toOptions(kwargs: Record<string, unknown>): ModelToDotOptions {
  return Object.fromEntries(Object.entries(kwargs).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
}

describe('modelToDot', () => {
  for (const c of golden.cases) {
    it(`writes Keras's DOT text: ${c.model}, ${c.options}`, () => {
      clearSession();
      const model = builders[c.model]();
      expect(normalize(modelToDot(model, toOptions(c.kwargs)))).toBe(normalize(c.dot));
    });
  }

  it('quotes names as pydot does', () => {
    expect(dotId('block')).toBe('block');
    expect(dotId('cluster_my model')).toBe('"cluster_my model"');
    expect(dotId(96)).toBe('96');
    expect(dotId('say "hi"')).toBe('"say \\"hi\\""');
  });

  it('refuses a model that is not built', () => {
    expect(() => modelToDot(new Sequential([new Dense(2)], { name: 'unbuilt' }))).toThrow(/This model \("unbuilt"\) has not yet been built/);
  });
});
