import { useBackend } from '@strata/backend';
import { expectAllClose, hasGolden, readGoldenJson } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { deserializeOptimizer } from './serialization';
import { loadGoldenModel, loadWeights, trainStep } from './test-support/golden-models';

beforeAll(() => useBackend('cpu'));

interface TrainRecord {
  optimizer_class: string;
  optimizer_config: Record<string, unknown>;
  train_on_batch_loss: number[];
  loss_after_step: number[];
  optimizer_iterations: number;
  optimizer_variables: Array<{ path: string; shape: number[] }>;
}

const cases = ['a_adam', 'a_sgd', 'a_sgd_momentum', 'a_sgd_nesterov', 'a_rmsprop', 'c_cnn_adam', 'c_cnn_sgd'];
// Weights: |ours - keras| <= ATOL + RTOL * |keras|. Losses: 1e-5 relative.
const RTOL = 1e-5;
const ATOL = 1e-6;

describe.skipIf(!hasGolden())('three training steps match Keras 3 (keras-golden/train)', () => {
  for (const name of cases) {
    it(name, { timeout: 400_000 }, () => {
      const record = readGoldenJson<TrainRecord>('train', name, 'record.json');
      const model = loadGoldenModel(name.startsWith('a_') ? 'a' : 'c');
      const optimizer = deserializeOptimizer({ class_name: record.optimizer_class, config: record.optimizer_config });
      expect(optimizer.getConfig()).toEqual(record.optimizer_config);
      optimizer.build(model.weights, model.paths);
      expect(optimizer.variables().map(({ path, tensor }) => ({ path, shape: tensor.shape }))).toEqual(
        record.optimizer_variables,
      );

      const tensorsBefore = tf.memory().numTensors;
      const losses: tf.Scalar[] = [];
      for (let step = 1; step <= 3; step++) {
        losses.push(trainStep(model, optimizer));
        if (step === 1 || step === 3) {
          const expected = loadWeights('train', name, `weights_after_step${step}.npz`);
          model.paths.forEach((path, i) => {
            expectAllClose(model.weights[i], expected.get(path) as tf.Tensor, { rtol: RTOL, atol: ATOL });
          });
          for (const tensor of expected.values()) tensor.dispose();
        }
      }
      // Only the three returned losses are new: slots were built before counting.
      expect(tf.memory().numTensors - tensorsBefore).toBe(3);
      expectAllClose(losses.map((loss) => loss.dataSync()[0]), record.train_on_batch_loss, { rtol: 1e-5, atol: 0 });
      const finalLoss = tf.tidy(model.loss);
      expectAllClose(finalLoss, record.loss_after_step[2], { rtol: 1e-5, atol: 0 });
      expect(optimizer.iterations).toBe(record.optimizer_iterations);
      expect(optimizer.variables()[0].tensor.dataSync()[0]).toBe(3);
      tf.dispose([...losses, finalLoss]);
      optimizer.dispose();
      model.dispose();
    });
  }
});
