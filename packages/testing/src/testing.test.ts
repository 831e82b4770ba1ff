import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkGradients,
  checkVariableGradients,
  checkVariableGradientsAsync,
  describeEachBackend,
  expectAllClose,
  expectAllCloseAsync,
  expectNoLeak,
  hasGolden,
  kernelsRunBy,
  parseNpy,
  readGoldenNpz,
  strataBackend,
  TOLERANCES,
} from './index';

beforeAll(async () => {
  await (await strataBackend()).useBackend('cpu');
});

describe('gradient checks', () => {
  it('finite differences agree with the analytic gradient of a smooth function', () => {
    const x = tf.tensor([0.5, -1.2, 2.0]);
    const result = checkGradients((a) => tf.sum(tf.mul(tf.sin(a), a)), [x]);
    expect(result.checked).toBe(3);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
  });

  it('finite differences catch a wrong gradient', () => {
    const wrong = tf.customGrad(((a: tf.Tensor) => ({ value: tf.sum(tf.square(a)), gradFunc: (dy: tf.Tensor) => tf.mul(dy, a) })) as unknown as Parameters<typeof tf.customGrad>[0]);
    const result = checkGradients((a) => wrong(a) as tf.Scalar, [tf.tensor([1, 2, 3])]);
    expect(result.maxRelativeError).toBeGreaterThan(0.3);
  });

  it('checks the gradient with respect to variables and puts their values back', () => {
    const w = tf.variable(tf.tensor([0.3, -0.7, 1.1]));
    const result = checkVariableGradients(() => tf.sum(tf.mul(tf.square(w), tf.tensor([1, 2, 3]))) as tf.Scalar, [w]);
    expect(result.checked).toBe(3);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
    expectAllClose(w, Float32Array.of(0.3, -0.7, 1.1), { atol: 0, rtol: 0 });
    w.dispose();
  });

  it('reads asynchronously: the same check with respect to variables, without a leak', async () => {
    const w = tf.variable(tf.tensor([0.3, -0.7, 1.1]));
    const weights = tf.tensor([1, 2, 3]);
    const objective = () => tf.sum(tf.mul(tf.square(w), weights)) as tf.Scalar;
    const result = await expectNoLeak(() => checkVariableGradientsAsync(objective, [w]));
    expect(result.checked).toBe(3);
    expect(result.maxRelativeError).toBeLessThan(1e-2);
    expect(result).toEqual(checkVariableGradients(objective, [w]));
    expectAllClose(w, Float32Array.of(0.3, -0.7, 1.1), { atol: 0, rtol: 0 });
    const wrongGrad = tf.customGrad(((a: tf.Tensor) => ({ value: tf.sum(tf.square(a)), gradFunc: (dy: tf.Tensor) => tf.mul(dy, a) })) as unknown as Parameters<typeof tf.customGrad>[0]);
    expect((await checkVariableGradientsAsync(() => wrongGrad(w) as tf.Scalar, [w])).maxRelativeError).toBeGreaterThan(0.3);
    tf.dispose([w, weights]);
  });
});

describe('expectAllClose', () => {
  it('fails on a difference above the float32 tolerance and passes below it', () => {
    expect(() => expectAllClose([1, 2], [1, 2.1])).toThrow(/element 1 differs: got 2, expected 2.1/);
    expectAllClose([1, 2], [1, 2 + 1e-7]);
    expect(TOLERANCES.float32).toEqual({ rtol: 1e-5, atol: 1e-6 });
  });

  it('compares integer tensors exactly and checks shapes of two tensors', () => {
    expect(() => expectAllClose(tf.tensor([1000000, 2], [2], 'int32'), tf.tensor([1000001, 2], [2], 'int32'))).toThrow(/element 0 differs/);
    expect(() => expectAllClose(tf.zeros([2, 3]), tf.zeros([3, 2]))).toThrow(/shape/);
    expectAllClose(tf.tensor([Number.POSITIVE_INFINITY, 1]), [Number.POSITIVE_INFINITY, 1]);
  });

  it('reads tensors asynchronously with the same tolerances, shape check and message', async () => {
    const [ints, other, floats] = [tf.tensor([1000000, 2], [2], 'int32'), tf.tensor([1000001, 2], [2], 'int32'), tf.tensor([1, 2])];
    await expect(expectAllCloseAsync(ints, other)).rejects.toThrow(/element 0 differs: got 1000000, expected 1000001/);
    await expect(expectAllCloseAsync(floats, [1, 2.1])).rejects.toThrow(/element 1 differs: got 2, expected 2.1/);
    const [wide, tall] = [tf.zeros([2, 3]), tf.zeros([3, 2])];
    await expect(expectAllCloseAsync(wide, tall)).rejects.toThrow(/shape/);
    await expectAllCloseAsync(floats, [1, 2 + 1e-6]);
    await expectAllCloseAsync([1, 2], floats);
    tf.dispose([ints, other, floats, wide, tall]);
  });
});

describe('expectNoLeak and the kernel spy', () => {
  it('counts the tensors a body leaves alive', async () => {
    await expectNoLeak(() => tf.tidy(() => tf.add(tf.ones([2]), 1)), 1).then((t) => t.dispose());
    await expect(expectNoLeak(() => tf.ones([2]))).rejects.toThrow(/tensors left alive/);
  });

  it('records the kernels an operation runs, in order', () => {
    const names = kernelsRunBy(() => tf.tidy(() => tf.relu(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])))));
    expect(names).toEqual(expect.arrayContaining(['BatchMatMul', 'Relu']));
    expect(names.indexOf('BatchMatMul')).toBeLessThan(names.indexOf('Relu'));
  });
});

describe('the npy reader', () => {
  it('reads a version 1 float32 array as numpy.save writes it', () => {
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
    const padded = header + ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
    const values = Float32Array.of(1, 2, 3, 4, 5, 6.5);
    const bytes = new Uint8Array(10 + padded.length + values.byteLength);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    new DataView(bytes.buffer).setUint16(8, padded.length, true);
    bytes.set(new TextEncoder().encode(padded), 10);
    bytes.set(new Uint8Array(values.buffer), 10 + padded.length);
    const array = parseNpy(bytes, 'x.npy');
    expect(array.shape).toEqual([2, 3]);
    expect(Array.from(array.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6.5]);
    expect(() => parseNpy(bytes.subarray(0, bytes.length - 4), 'x.npy')).toThrow(/x.npy is truncated: shape \(2, 3\) needs 24 bytes, found 20/);
    expect(() => parseNpy(new Uint8Array(12), 'y.npy')).toThrow(/y.npy is not a NumPy .npy file/);
  });

  it.runIf(hasGolden())('reads the golden weights of the tutorial MLP in model.weights order', () => {
    const weights = readGoldenNpz('a_mlp_tutorial', 'weights.npz');
    expect([...weights.keys()][0]).toBe('000__sequential__dense__kernel');
    expect(weights.get('000__sequential__dense__kernel')!.shape).toEqual([784, 128]);
  });
});

let backendsSeen: string[] = [];
describeEachBackend(
  'describeEachBackend',
  (backendName) => {
    it('starts the backend it names', () => {
      expect(tf.getBackend()).toBe(backendName);
      backendsSeen.push(backendName);
    });
  },
  { backends: ['wasm'] },
);

describe('after describeEachBackend', () => {
  it('runs on the backend the file chose before', () => {
    expect(backendsSeen).toEqual(['wasm']);
    expect(tf.getBackend()).toBe('cpu');
  });
  afterAll(() => {
    backendsSeen = [];
  });
});
