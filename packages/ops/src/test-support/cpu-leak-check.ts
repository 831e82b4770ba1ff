// The set-up most ops tests share: the cpu backend, and a check after every test that it left no tensor behind.
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';

export function onCpuWithLeakCheck(): void {
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
}
