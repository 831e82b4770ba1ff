// What the Keras goldens cannot express: the TypeScript call forms, behaviours where Strata follows NumPy rather
// than a torch-backend quirk (each named), and refusals with their messages.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ops from '../index';

let before = 0;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors, 'tensors leaked').toBe(before);
});

function values(t: tf.Tensor): number[] {
  const out = Array.from(t.dataSync() as ArrayLike<number>, Number);
  t.dispose();
  return out;
}

describe('call forms', () => {
  it('where takes x1 and x2 positionally or in options', () => {
    const cond = tf.tensor([true, false, true], [3], 'bool');
    expect(values(ops.where(cond, 1, [7, 8, 9]))).toEqual([1, 8, 1]);
    expect(values(ops.where(cond, { x1: 1, x2: [7, 8, 9] }))).toEqual([1, 8, 1]);
    expect(() => ops.where(cond, 1)).toThrow(/both x1 and x2, or neither/);
    const indices = ops.where(cond);
    expect(indices.shape).toEqual([1, 2]);
    expect(values(indices)).toEqual([0, 2]);
    cond.dispose();
  });

  it('arange takes stop and step positionally or in options', () => {
    const positional = ops.arange(1, 2, 0.25);
    expect(positional.dtype).toBe('float32');
    expect(values(positional)).toEqual([1, 1.25, 1.5, 1.75]);
    expect(values(ops.arange(1, { stop: 2, step: 0.25 }))).toEqual([1, 1.25, 1.5, 1.75]);
    const ints = ops.arange(3, 0, -1, { dtype: 'float32' });
    expect(ints.dtype).toBe('float32');
    expect(values(ints)).toEqual([3, 2, 1]);
    expect(() => ops.arange(0, 3, 0)).toThrow(/step must not be zero/);
  });

  it('linspace with retstep returns the step as a number', () => {
    const [space, step] = ops.linspace(0, 1, { num: 5, retstep: true }) as [tf.Tensor, number];
    expect(step).toBe(0.25);
    expect(values(space)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const [single, nanStep] = ops.linspace(2, 3, { num: 1, retstep: true }) as [tf.Tensor, number];
    expect(Number.isNaN(nanStep)).toBe(true);
    expect(values(single)).toEqual([2]);
  });

  it('meshgrid takes its options last', () => {
    const [x, y] = ops.meshgrid([1, 2, 3], [4, 5], { indexing: 'ij' });
    expect(x.shape).toEqual([3, 2]);
    expect(values(x)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(values(y)).toEqual([4, 5, 4, 5, 4, 5]);
  });
});

describe('get_item', () => {
  const grid = () => tf.tensor2d([0, 1, 2, 3, 4, 5], [2, 3], 'int32');

  it('takes negative steps as NumPy does (torch refuses them)', () => {
    const x = grid();
    expect(values(ops.getItem(x, [{}, { step: -1 }]))).toEqual([2, 1, 0, 5, 4, 3]);
    expect(values(ops.getItem(x, [1, { start: -1, step: -2 }]))).toEqual([5, 3]);
    expect(values(ops.getItem(x, [0, { start: 1, stop: 1, step: -1 }]))).toEqual([]);
    x.dispose();
  });

  it('refuses keys it cannot read, naming them', () => {
    const x = grid();
    expect(() => ops.getItem(x, ['...', '...'])).toThrow(/one ellipsis/);
    expect(() => ops.getItem(x, [0, { step: 0 }])).toThrow(/non-zero integer/);
    expect(() => ops.getItem(x, [0, 'a' as never])).toThrow(/unsupported key item "a"/);
    expect(() => ops.getItem(x, [2])).toThrow(/index 2 is out of bounds for axis 0 with size 2/);
    x.dispose();
  });

  it('reads JavaScript lists inside a key as index arrays', () => {
    const x = grid();
    expect(values(ops.getItem(x, [{}, [2, 0]]))).toEqual([2, 0, 5, 3]);
    expect(values(ops.getItem(x, [[false, true], -1]))).toEqual([5]);
    expect(() => ops.getItem(x, [[0, 3]])).toThrow();
    x.dispose();
  });
});

describe('where Strata follows NumPy rather than a torch-backend quirk', () => {
  it('take with no axis wraps negative indices by the flattened size (torch wraps by the first axis)', () => {
    const x = tf.tensor2d([0, 1, 2, 3, 4, 5], [2, 3]);
    expect(values(ops.take(x, [-1, 0]))).toEqual([5, 0]);
    x.dispose();
  });

  it('pad with one width pads every axis, as Keras computes the output shape', () => {
    tf.tidy(() => {
      const padded = ops.pad(tf.ones([1, 2]), 1);
      expect(padded.shape).toEqual([3, 4]);
      tf.dispose(padded);
      const reflected = ops.pad(tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]), [[1, 0], [0, 0], [0, 0]], { mode: 'reflect' });
      expect(values(reflected)).toEqual([5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    });
  });

  it('repeat takes a JavaScript list of counts along an axis (torch refuses a list)', () => {
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2], 'int32');
    expect(values(ops.repeat(x, [1, 2], { axis: 1 }))).toEqual([1, 2, 2, 3, 4, 4]);
    expect(() => ops.repeat(x, [1, 2, 3], { axis: 1 })).toThrow(/one non-negative count or 2/);
    x.dispose();
  });

  it('bincount weighs rows of a 2-D input (torch fails there)', () => {
    tf.tidy(() => {
      const counts = ops.bincount(tf.tensor2d([1, 1, 0, 2, 0, 2], [2, 3], 'int32'), { weights: tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]) });
      expect(counts.dtype).toBe('float32');
      expect(values(counts)).toEqual([3, 3, 0, 5, 0, 10]);
    });
  });
});

describe('refusals', () => {
  it('view reinterprets float32 and int32 only', () => {
    tf.tidy(() => {
      const bits = ops.view(tf.tensor1d([1, -2]), { dtype: 'int32' });
      expect(values(ops.view(bits, { dtype: 'float32' }))).toEqual([1, -2]);
      bits.dispose();
      const flags = tf.tensor1d([1, 0], 'bool');
      expect(() => ops.view(flags, { dtype: 'int32' })).toThrow(/float32 as int32 and back; received a bool tensor/);
      flags.dispose();
    });
  });

  it('einsum names what is wrong with its subscripts', () => {
    const x = tf.ones([2, 3]);
    expect(() => ops.einsum('ij,jk->ik', x)).toThrow(/names 2 operands; received 1/);
    expect(() => ops.einsum('ijk->i', x)).toThrow(/3 labels for an operand of 2 dimensions/);
    expect(() => ops.einsum('ij->z', x)).toThrow(/output label "z"/);
    expect(() => ops.einsum('i1->i', x)).toThrow(/invalid subscript "1"/);
    x.dispose();
  });

  it('bincount, pad and histogram refuse what they cannot do', () => {
    tf.tidy(() => {
      const x = tf.tensor1d([0, 1], 'int32');
      expect(() => ops.bincount(x, { sparse: true })).toThrow(/sparse/);
      expect(() => ops.bincount(tf.tensor1d([-1, 2], 'int32'))).toThrow(/non-negative values; received -1/);
      expect(() => ops.pad(x, 1, { mode: 'edge' as never })).toThrow(/received "edge"/);
      expect(() => ops.histogram(x, { bins: 1.5 })).toThrow(/integer number of bins/);
      x.dispose();
      });
  });
});

describe('vectorize', () => {
  it('passes excluded arguments through unchanged', () => {
    tf.tidy(() => {
      const scaled = ops.vectorize((x: tf.Tensor, factor: number) => tf.mul(x, factor), { excluded: [1] });
      expect(values(scaled(tf.tensor1d([1, 2, 3]), 10) as tf.Tensor)).toEqual([10, 20, 30]);
      });
  });

  it('returns one tensor per output of the signature', () => {
    const minMax = ops.vectorize((row: tf.Tensor) => [tf.min(row), tf.max(row)], { signature: '(n)->(),()' });
    const input = tf.tensor2d([3, 1, 2, 5, 4, 6], [2, 3]);
    const [low, high] = minMax(input) as tf.Tensor[];
    expect(values(low)).toEqual([1, 4]);
    expect(values(high)).toEqual([3, 6]);
    input.dispose();
  });
});
