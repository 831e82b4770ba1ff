import { useBackend } from '@strata/backend';
import { Dense, Flatten, clearSession } from '@strata/layers';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { deserializeOptimizer } from '@strata/optimizers';
import { expectAllClose, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

const cases = ['a_adam', 'a_sgd', 'a_sgd_momentum', 'a_sgd_nesterov', 'a_rmsprop'];

describe.runIf(hasGolden())('three optimizer steps through trainOnBatch equal Keras', () => {
  for (const name of cases) {
    it(name, async () => {
      clearSession();
      const record = readGoldenJson('train', name, 'record.json');
      const model = new Sequential([
        new Flatten({ inputShape: [28, 28] }),
        new Dense(128, { activation: 'relu' }),
        new Dense(10),
      ]);
      model.setWeights([...readGoldenNpz('train', 'a_shared', 'initial.npz').values()].map(npyToTensor));
      model.compile({
        optimizer: deserializeOptimizer({ class_name: record.optimizer_class, config: record.optimizer_config }),
        loss: new SparseCategoricalCrossentropy({ fromLogits: true }),
      });
      const x = npyToTensor(readGoldenNpy('train', 'a_shared', 'x.npy'));
      const y = npyToTensor(readGoldenNpy('train', 'a_shared', 'y.npy'));
      const losses: number[] = [];
      for (let step = 1; step <= 3; step++) {
        losses.push((await model.trainOnBatch(x, y)) as number);
        if (step === 1 || step === 3) {
          const expected = [...readGoldenNpz('train', name, `weights_after_step${step}.npz`).values()];
          model.getWeights().forEach((w: tf.Tensor, i: number) => {
            // 1e-5 relative on weights; atol 1e-6 covers weights that are near zero after the update.
            expectAllClose(w, npyToTensor(expected[i]), { rtol: 1e-5, atol: 1e-6 });
          });
        }
      }
      expectAllClose(losses, record.train_on_batch_loss, { rtol: 1e-5, atol: 1e-6 });
      expect(model.optimizer!.iterations).toBe(3);
      expect(model.optimizer!.variables().map((v) => v.path)).toEqual(
        record.optimizer_variables.map((v: { path: string }) => v.path),
      );
      const afterStep3 = (await model.predict(x)) as tf.Tensor;
      expectAllClose(afterStep3, npyToTensor(readGoldenNpy('train', name, 'predict_after_step3.npy')), { rtol: 1e-4, atol: 1e-5 });
      model.dispose();
    });
  }
});
