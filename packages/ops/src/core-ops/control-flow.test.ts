// Keras's control-flow ops take functions, which a golden JSON cannot hold: scripts/golden/core_control_flow.py
// ran Keras 3.15.1 (torch) with fixed Python functions; each case below runs the same function, in TypeScript,
// through Strata's op and compares with the recorded result.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as ops from '../index';
import { decode, expectMatchesGolden } from '../test-support/golden';

type Recorded = { inputs: Parameters<typeof decode>[0][]; result: Parameters<typeof decode>[0] };
const records = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'core_control_flow.json'), 'utf8')) as {
    records: Record<string, Recorded>;
  }
).records;

/** Runs `body` on the decoded inputs of a record and compares its result with Keras's, inside one tidy. */
function matches(name: string, body: (...inputs: any[]) => unknown, rtol = 1e-5): void {
  tf.tidy(() => {
    const inputs = records[name].inputs.map(decode);
    expectMatchesGolden(body(...inputs), records[name].result, name, rtol);
  });
}

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

describe('scan, map, vectorizedMap', () => {
  const scanF = (c: tf.Tensor, x: tf.Tensor) => [tf.add(c, x), tf.mul(c, x)] as [tf.Tensor, tf.Tensor];
  it('carries a running sum and stacks the ys', () => matches('scan', (init, xs) => ops.scan(scanF, init, xs)));
  it('scans in reverse, ys kept in the order of xs', () => matches('scan_reverse', (init, xs) => ops.scan(scanF, init, xs, { reverse: true })));
  it('scans a length with no xs', () =>
    matches('scan_length', (init) => ops.scan((c: tf.Tensor) => [tf.mul(c, 2), tf.add(c, 1)], init, null, { length: 3 })));
  it('passes nested carries and xs in their own structure', () =>
    matches('scan_nested', (init, xs, q) => {
      const [carry, ys] = ops.scan(
        (c: [tf.Tensor, tf.Tensor], x: { p: tf.Tensor; q: tf.Tensor }) => [[tf.add(c[0], x.p), tf.mul(c[1], 2)], { s: tf.sub(c[0], x.q) }],
        [init, 1.5],
        { p: xs, q },
      );
      return [carry, ys.s];
    }));
  it('refuses a scan with neither xs nor length, and a bad unroll', () => {
    expect(() => ops.scan((c: tf.Tensor) => [c, c], 1)).toThrow(/no xs/);
    expect(() => ops.scan((c: tf.Tensor) => [c, c], 1, null, { length: 2, unroll: 0 })).toThrow(/unroll/);
  });
  it('maps over the first axis', () => matches('map', (xs) => ops.map((x: tf.Tensor) => tf.add(tf.mul(x, x), 1), xs)));
  it('maps to nested outputs', () =>
    matches('map_nested', (xs) => {
      const out = ops.map((x: tf.Tensor) => ({ y1: tf.mul(x, 2), y2: tf.sum(x) }), xs);
      return [out.y1, out.y2];
    }));
  it('vectorizedMap gives what torch.vmap gives', () =>
    matches('vectorized_map', (xs, w) => ops.vectorizedMap((x: tf.Tensor) => tf.add(tf.sum(tf.mul(x, w)), 1), xs)));
});

describe('associativeScan', () => {
  it('is an inclusive prefix sum', () => matches('associative_scan_add', (seq) => ops.associativeScan(tf.add, seq)));
  it('scans another axis in reverse', () => matches('associative_scan_axis1_reverse', (grid) => ops.associativeScan(tf.add, grid, { reverse: true, axis: 1 })));
  it('takes any associative function (running maximum)', () => matches('associative_scan_max_even', (seq) => ops.associativeScan(tf.maximum, seq)));
  it('scans nested elements: a linear recurrence', () =>
    matches('associative_scan_linear_recurrence', (a, b) =>
      ops.associativeScan((u: tf.Tensor[], v: tf.Tensor[]) => [tf.mul(u[0], v[0]), tf.add(tf.mul(u[1], v[0]), v[1])], [a, b]),
    ));
});

describe('whileLoop, foriLoop, cond, switch', () => {
  it('loops on one variable', () => matches('while_loop_scalar', (i) => ops.whileLoop((v: tf.Tensor) => tf.less(v, 10), (v: tf.Tensor) => ops.add(v, 1), i)));
  const body = (x: tf.Tensor, y: tf.Tensor) => [ops.add(x, 1), tf.mul(y, 2)];
  const condition = (x: tf.Tensor) => tf.less(x, 10);
  it('loops on an array of variables', () => matches('while_loop_pair', (x, y) => ops.whileLoop(condition, body, [x, y])));
  it('stops at maximumIterations', () => matches('while_loop_maximum_iterations', (x, y) => ops.whileLoop(condition, body, [x, y], { maximumIterations: 3 })));
  it('foriLoop passes the index as a number', () =>
    matches('fori_loop', (w) => ops.foriLoop(0, 5, (i: number, v: tf.Tensor) => tf.add(v, tf.mul(i, w)), tf.zeros([3]))));
  it('foriLoop takes scalar tensors as bounds', () =>
    matches('fori_loop', (w) => ops.foriLoop(tf.scalar(0, 'int32'), tf.scalar(5, 'int32'), (i: number, v: tf.Tensor) => tf.add(v, tf.mul(i, w)), tf.zeros([3]))));
  it('cond takes a tensor or a boolean predicate', () =>
    matches('cond', (x) => [
      ops.cond(
        tf.scalar(true, 'bool'),
        () => tf.mul(x, 2),
        () => tf.sub(x, 1),
      ),
      ops.cond(
        false,
        () => tf.mul(x, 2),
        () => tf.sub(x, 1),
      ),
    ]));
  it('switch clamps its index into range', () =>
    matches('switch', (x, y) => {
      const branches = [tf.add, tf.sub, tf.mul].map((fn) => (a: tf.Tensor, b: tf.Tensor) => fn(a, b));
      return [0, 1, 5, -3].map((index) => ops.switch(index, branches, tf.scalar(x), tf.scalar(y)));
    }));
  it('a while loop frees the carries it replaces', () => {
    const start = tf.scalar(0, 'int32');
    const counted = tf.memory().numTensors;
    const result = ops.whileLoop(
      (v: tf.Tensor) => tf.less(v, 50),
      (v: tf.Tensor) => tf.add(v, 1),
      start,
    ) as tf.Tensor;
    expect(result.dataSync()[0]).toBe(50);
    expect(tf.memory().numTensors).toBe(counted + 1);
    tf.dispose([start, result]);
  });
});

describe('customGradient and stopGradient', () => {
  it("uses the grad function's gradient (Keras's log1pexp example)", () =>
    matches('custom_gradient', (x) => {
      const log1pexp = ops.customGradient((v: tf.Tensor) => {
        const e = tf.exp(v);
        return [tf.log(tf.add(1, e)), (upstream: tf.Tensor) => tf.mul(upstream, tf.sub(1, tf.div(1, tf.add(1, e))))];
      });
      const weights = tf.range(1, 6);
      const value = log1pexp(x);
      const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(log1pexp(v), weights)))(x);
      return [value, grad];
    }));
  it('stopGradient hides its input from the gradient', () =>
    matches('stop_gradient_grad', (x) => tf.grad((v: tf.Tensor) => tf.sum(tf.mul(ops.stopGradient(v), v)))(x)));
});
