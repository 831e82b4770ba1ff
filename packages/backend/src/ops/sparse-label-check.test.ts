import { kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRATA_SPARSE_LABEL_CHECK } from '../kernel-names';
import { useBackend } from '../use-backend';
import { type SparseLabelCheckAttrs, sparseLabelCheck, sparseLabelCheckOps } from './sparse-label-check';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('sparseLabelCheck', () => {
  it('the op chain of other backends folds a batch as the host kernel does', () => {
    const cases: Array<[number[], number[], SparseLabelCheckAttrs]> = [
      [[0, 1, 2, 1], [0, 0], { classes: 3, ignoreClass: 0, hasIgnoreClass: false }],
      [[0, 7, 2, -1], [0, 0], { classes: 3, ignoreClass: 0, hasIgnoreClass: false }],
      [[0, 7, 2, -1], [2, 9], { classes: 3, ignoreClass: 0, hasIgnoreClass: false }],
      [[-1, 1, -1, 4.5], [0, 0], { classes: 3, ignoreClass: -1, hasIgnoreClass: true }],
      [[2.9, -0.5, 1], [0, 0], { classes: 3, ignoreClass: 0, hasIgnoreClass: false }],
    ];
    const expected = [
      [0, 0],
      [2, 7],
      [4, 9],
      [1, 4.5],
      [2, Math.fround(2.9)],
    ];
    cases.forEach(([values, state, attrs], i) => {
      const [byOps, byKernel] = tf.tidy(() => {
        const labelTensor = tf.tensor1d(values);
        const stateTensor = tf.tensor1d(state);
        const kernel = sparseLabelCheck(labelTensor, stateTensor, attrs);
        return [Array.from(sparseLabelCheckOps(labelTensor, stateTensor, attrs).dataSync()), Array.from(kernel.dataSync())];
      });
      expect(byKernel, `case ${i}`).toEqual(expected[i]);
      expect(byOps, `case ${i}`).toEqual(expected[i]);
    });
  });

  it('runs one host kernel on cpu, folding batch after batch, and leaves no tensor behind', () => {
    const before = tf.memory().numTensors;
    const attrs = { classes: 3, ignoreClass: 0, hasIgnoreClass: false };
    let state: tf.Tensor = tf.tensor1d([0, 0]);
    let kernels: string[] = [];
    for (const batch of [[0, 2, 1], [1, 5, 2, 7], [9]]) {
      const labels = tf.tensor1d(batch);
      kernels = kernelsRunBy(() => {
        const next = sparseLabelCheck(labels, state, attrs);
        state.dispose();
        state = next;
      });
      labels.dispose();
    }
    expect(kernels).toEqual([STRATA_SPARSE_LABEL_CHECK]);
    expect(Array.from(state.dataSync())).toEqual([3, 5]);
    state.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
