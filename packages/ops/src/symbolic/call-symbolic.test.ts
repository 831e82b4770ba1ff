import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { add, sum } from '../numpy';
import { KerasOperation } from './keras-operation';
import { KerasTensor } from './keras-tensor';
import { clearSession } from './names';
import { serializeNodeArgs } from './node-args';

beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => clearSession());

const input = (shape: Array<number | null>, dtype: tf.DataType = 'float32') => new KerasTensor(shape, dtype);

describe('ops on symbolic tensors record nodes as Keras does', () => {
  it('add(x, 3) records an Add node with the scalar in its args and infers shape and dtype', () => {
    const before = tf.memory().numTensors;
    const x = input([null, 4]);
    const y = add(x, 3.5);
    expect(y).toBeInstanceOf(KerasTensor);
    expect(y.shape).toEqual([null, 4]);
    expect(y.dtype).toBe('float32');
    const op = y.operation as KerasOperation;
    expect(op).toBeInstanceOf(KerasOperation);
    expect(op.name).toBe('add');
    expect(op.className).toBe('Add');
    expect(op.module).toBe('keras.src.ops.numpy');
    expect(op.getConfig()).toEqual({ name: 'add' });
    const node = op.inboundNodes[0];
    expect(node.inputs).toEqual([x]);
    expect(node.args).toEqual([x, 3.5]);
    expect(node.kwargs).toEqual({});
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a second op of the same class add_1, and chains with the tensor methods', () => {
    const x = input([null, 2]);
    const a = add(x, 1);
    const b = a.add(x);
    expect(a.operation?.name).toBe('add');
    expect(b.operation?.name).toBe('add_1');
    expect(b.operation?.inboundNodes[0].inputs).toEqual([a, x]);
  });

  it('sum(x, {axis, keepdims}) puts its options in the config, with Keras defaults filled in', () => {
    const x = input([null, 3, 5]);
    const s = sum(x, { axis: -1, keepdims: true });
    expect(s.shape).toEqual([null, 3, 1]);
    expect((s.operation as KerasOperation).getConfig()).toEqual({ name: 'sum', axis: -1, keepdims: true });
    const all = sum(x, { axis: [1, 2] });
    expect(all.shape).toEqual([null]);
    expect((all.operation as KerasOperation).getConfig()).toEqual({ name: 'sum_1', axis: [1, 2], keepdims: false });
    const total = sum(x);
    expect(total.shape).toEqual([]);
    expect((total.operation as KerasOperation).getConfig()).toEqual({ name: 'sum_2', axis: null, keepdims: false });
  });

  it('keeps integer dtypes as Keras does: sum of bool is int32, int + int is int32', () => {
    expect(sum(input([4, null], 'bool'), { axis: 0 }).dtype).toBe('int32');
    const i = add(input([2], 'int32'), 3);
    expect(i.dtype).toBe('int32');
    expect(i.shape).toEqual([2]);
  });

  it('broadcasts unknown dimensions', () => {
    const y = add(input([null, 1]), input([1, null]));
    expect(y.shape).toEqual([null, null]);
    expect(add(input([null, 4]), input([4])).shape).toEqual([null, 4]);
  });

  it('serializes the node arguments as Keras writes them', () => {
    const x = input([null, 4]);
    const y = add(add(x, 1), 2.5);
    const node = y.operation?.inboundNodes[0];
    expect(node && serializeNodeArgs(node.args)).toEqual([
      { class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: ['add', 0, 0] } },
      2.5,
    ]);
  });

  it('refuses unknown options and impossible shapes with clear errors', () => {
    const x = input([null, 4]);
    expect(() => sum(x, { axes: 1 } as never)).toThrow(/ops\.sum has no option "axes"; its options are axis, keepdims/);
    expect(() => add(x, input([null, 3]))).toThrow(/ops\.add cannot be applied to symbolic tensors of shapes \[null, 4\] and \[null, 3\]/);
    expect(() => sum(x, { axis: 2 })).toThrow(TypeError);
  });
});

describe('the operator methods of a symbolic tensor record the ops Keras records for its Python operators', () => {
  it('x * 0.5 - w / 4, -x, x ** 2, x[:, 1:3], x[..., None, 0]', () => {
    const x = input([null, 6]);
    const w = input([null, 6]);
    const h = x.mul(0.5).sub(w.div(4));
    expect(h.operation?.className).toBe('Subtract');
    expect(h.operation?.inboundNodes[0].inputs.map((t) => t.operation?.className)).toEqual(['Multiply', 'TrueDivide']);
    expect(h.neg().operation?.className).toBe('Negative');
    expect(x.pow(2).operation?.className).toBe('Power');
    const head = x.getItem([{}, { start: 1, stop: 3 }]);
    expect(head.shape).toEqual([null, 2]);
    expect(serializeNodeArgs(head.operation?.inboundNodes[0].args)).toEqual([
      { class_name: '__keras_tensor__', config: { shape: [null, 6], dtype: 'float32', keras_history: null } },
      [
        { class_name: '__slice__', config: { start: null, stop: null, step: null } },
        { class_name: '__slice__', config: { start: 1, stop: 3, step: null } },
      ],
    ]);
    const first = x.getItem(['...', null, 0]);
    expect(first.shape).toEqual([null, 1]);
    expect(serializeNodeArgs(first.operation?.inboundNodes[0].args[1])).toEqual([{ class_name: '__ellipsis__', config: {} }, null, 0]);
    expect(x.reshape([-1, 2, 3]).shape).toEqual([null, 2, 3]);
    expect(x.less(0).dtype).toBe('bool');
  });
});
