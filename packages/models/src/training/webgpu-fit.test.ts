/**
 * fit, evaluate and trainOnBatch on WebGPU, where an adapter exists (Node with
 * the webgpu package and a Vulkan driver, as in CI; skipped with the reason
 * elsewhere). WebGPU has no synchronous reads in Node, so the logs must come
 * from asynchronous ones, and they must equal the cpu backend's.
 */
import { useBackend } from '@strata/backend';
import { LambdaCallback } from '@strata/callbacks';
import { Dense, clearSession, setRandomSeed } from '@strata/layers';
import { backendUnavailableReason } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { Sequential } from '../sequential';

const unavailableReason = await backendUnavailableReason('webgpu');

async function trainOn(backend: 'cpu' | 'webgpu') {
  await useBackend(backend);
  clearSession();
  setRandomSeed(4);
  const model = new Sequential([new Dense(8, { activation: 'relu', inputShape: [4] }), new Dense(3, { activation: 'softmax' })]);
  model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
  const y = tf.tidy(() => tf.cast(tf.argMax(tf.slice(x, [0, 0], [64, 3]), 1), 'float32'));
  const before = tf.memory().numTensors;
  const batchLosses: number[] = [];
  const history = await model.fit(x, y, {
    epochs: 3,
    batchSize: 16,
    verbose: 0,
    shuffle: false,
    callbacks: [new LambdaCallback({ onTrainBatchEnd: (_step, logs) => void batchLosses.push(logs?.loss ?? Number.NaN) })],
  });
  const evaluation = await model.evaluate(x, y, { verbose: 0 });
  const onBatch = (await model.trainOnBatch(x, y)) as number[];
  const created = tf.memory().numTensors - before;
  model.dispose();
  tf.dispose([x, y]);
  return { history: history.history, batchLosses, evaluation, onBatch, created };
}

describe('training on webgpu', () => {
  if (unavailableReason === undefined) {
    test('reads its logs asynchronously and matches cpu', async () => {
      const cpu = await trainOn('cpu');
      const gpu = await trainOn('webgpu');
      expect(gpu.batchLosses).toHaveLength(12);
      expect(gpu.batchLosses.every((loss) => loss > 0)).toBe(true);
      for (const key of ['loss', 'accuracy']) {
        gpu.history[key].forEach((value, i) => expect(value).toBeCloseTo(cpu.history[key][i], 4));
      }
      gpu.evaluation.forEach((value, i) => expect(value).toBeCloseTo(cpu.evaluation[i], 4));
      gpu.onBatch.forEach((value, i) => expect(value).toBeCloseTo(cpu.onBatch[i], 4));
      gpu.batchLosses.forEach((value, i) => expect(value).toBeCloseTo(cpu.batchLosses[i], 4));
      expect(gpu.created).toBe(cpu.created);
      await useBackend('cpu');
    });
  } else {
    test.skip(`skipped: no WebGPU here, because ${unavailableReason}`, () => {});
  }
});
