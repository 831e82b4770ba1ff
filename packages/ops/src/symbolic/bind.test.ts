import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineOp } from '../core/define-op';
import { bindKerasNode, bindStrataCall, kerasNodeOf, strataCallOf } from './bind';
import type { KerasOperation } from './keras-operation';
import { KerasTensor } from './keras-tensor';
import { clearSession } from './names';
import { signatureOf } from './signatures';

beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => clearSession());

// Small eager stand-ins, declared as Keras's ops, to check how calls map to Keras's nodes whatever op files exist.
const clip = defineOp({ name: 'clip', module: 'numpy' }, (x: tf.Tensor, xMin: number, xMax: number) => tf.clipByValue(x, xMin, xMax));
const concatenate = defineOp({ name: 'concatenate', module: 'numpy' }, (xs: tf.Tensor[], options: { axis?: number } = {}) =>
  tf.concat(xs, options.axis ?? 0),
);
const pad = defineOp(
  { name: 'pad', module: 'numpy' },
  (x: tf.Tensor, padWidth: Array<[number, number]>, options: { mode?: string; constantValues?: number | null } = {}) =>
    tf.pad(x, padWidth, options.constantValues ?? 0),
);
const einsum = defineOp({ name: 'einsum', module: 'numpy' }, (subscripts: string, ...operands: tf.Tensor[]) => tf.einsum(subscripts, ...operands));

const symbolic = (shape: Array<number | null>) => new KerasTensor(shape, 'float32');
const nodeOf = (t: KerasTensor) => {
  const op = t.operation as KerasOperation;
  return { config: op.getConfig(), args: op.inboundNodes[0].args, kwargs: op.inboundNodes[0].kwargs };
};

describe("a Strata call maps onto Keras's config, args and kwargs through the signature table", () => {
  it('clip: required parameters that Keras gives the constructor go to the config', () => {
    const x = symbolic([null, 3]);
    const y = clip(x, -1, 1);
    expect(y.shape).toEqual([null, 3]);
    expect(nodeOf(y)).toEqual({ config: { name: 'clip', x_min: -1, x_max: 1 }, args: [x], kwargs: {} });
  });

  it('concatenate: a list of tensors is one argument; the axis is config', () => {
    const a = symbolic([null, 3]);
    const b = symbolic([null, 2]);
    const y = concatenate([a, b], { axis: 1 });
    expect(y.shape).toEqual([null, 5]);
    expect(nodeOf(y)).toEqual({ config: { name: 'concatenate', axis: 1 }, args: [[a, b]], kwargs: {} });
    expect(y.operation?.inboundNodes[0].inputs).toEqual([a, b]);
  });

  it('pad: a call keyword of Keras lands in kwargs, with its default when not given', () => {
    const x = symbolic([null, 2]);
    const y = pad(x, [
      [0, 0],
      [1, 2],
    ]);
    expect(y.shape).toEqual([null, 5]);
    expect(nodeOf(y)).toEqual({
      config: {
        name: 'pad',
        pad_width: [
          [0, 0],
          [1, 2],
        ],
        mode: 'constant',
      },
      args: [x],
      kwargs: { constant_values: null },
    });
  });

  it('einsum: spread operands are the call arguments', () => {
    const a = symbolic([null, 3]);
    const b = symbolic([3, 4]);
    const y = einsum('ij,jk->ik', a, b);
    expect(y.shape).toEqual([null, 4]);
    expect(nodeOf(y)).toEqual({ config: { name: 'einsum', subscripts: 'ij,jk->ik' }, args: [a, b], kwargs: {} });
  });

  it('maps a Keras node back to the same Strata call', () => {
    const signature = signatureOf('numpy', 'pad');
    if (!signature) throw new Error('no pad in the table');
    const call = [tf.scalar(1), [[1, 1]], { constantValues: 3 }];
    const bound = bindStrataCall(signature, call);
    const node = kerasNodeOf(signature, bound);
    expect(node.kwargs).toEqual({ constant_values: 3 });
    expect(strataCallOf(signature, bindKerasNode(signature, node.config, node.args, node.kwargs))).toEqual([
      call[0],
      [[1, 1]],
      { mode: 'constant', constantValues: 3 },
    ]);
    tf.dispose(call[0] as tf.Tensor);
  });

  it('refuses ops Keras records no node for, ops whose shape depends on values, and function arguments', () => {
    const x = symbolic([null, 2]);
    const zeros = defineOp({ name: 'zeros', module: 'numpy' }, (shape: number[]) => tf.zeros(shape));
    expect(() => zeros(x as never)).toThrow(/ops\.zeros cannot be applied to symbolic tensors: Keras records no operation for it/);
    const nonzero = defineOp({ name: 'nonzero', module: 'numpy' }, (t: tf.Tensor) => t);
    expect(() => nonzero(x)).toThrow(/depends on the input's values/);
    const made = defineOp({ name: 'no_such_op', module: 'numpy' }, (t: tf.Tensor) => t);
    expect(() => made(x)).toThrow(/Keras has no keras\.ops\.numpy\.no_such_op/);
    const map = defineOp({ name: 'map', module: 'core' }, (f: (t: tf.Tensor) => tf.Tensor, xs: tf.Tensor) => f(xs));
    expect(() => map((t: tf.Tensor) => t, x)).toThrow(/with a function as "f": a graph node cannot save code/);
  });
});
