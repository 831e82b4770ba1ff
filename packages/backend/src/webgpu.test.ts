/**
 * WebGPU runs where an adapter exists (a browser, or Node with the webgpu
 * package and a Vulkan driver such as SwiftShader) and is skipped, with the
 * reason in the test name, where none does.
 */
import { backendUnavailableReason } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { activeBackend, useBackend } from './use-backend';

const unavailableReason = await backendUnavailableReason('webgpu');

describe('webgpu', () => {
  if (unavailableReason === undefined) {
    test('starts on the adapter, reports it and computes a matMul', async () => {
      const info = await useBackend('webgpu');
      expect(tf.getBackend()).toBe('webgpu');
      expect(info.adapter?.vendor).not.toBe('');
      expect(activeBackend()?.adapter).toEqual(info.adapter);
      const product = tf.matMul(tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[4], [5], [6]]));
      expect(Array.from(await product.data())).toEqual([32]);
    });
  } else {
    test.skip(`skipped: no WebGPU here, because ${unavailableReason}`, () => {});

    test('useBackend rejects with the reason and what to install instead of falling back', async () => {
      await expect(useBackend('webgpu')).rejects.toThrow(unavailableReason);
      expect(tf.getBackend()).not.toBe('webgpu');
    });
  }
});
