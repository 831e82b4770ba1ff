import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { loadWeights } from '@strata/io-h5';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { MobileNet } from './mobilenet';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');

beforeAll(async () => {
  await useBackend('cpu');
});

describe("Keras's weight files", () => {
  it("load by name and order into a TypeScript-built MobileNet, which then predicts Keras's numbers", async () => {
    const record = JSON.parse(readFileSync(join(golden, 'mobilenet_a025_notop_prediction.json'), 'utf-8'));
    await expectNoLeak(async () => {
      const model = MobileNet({ inputShape: [32, 32, 3], alpha: 0.25, includeTop: false, pooling: 'avg' });
      // Written by scripts/keras_weights.py in the legacy .h5 format of Keras's own ImageNet weight files.
      await loadWeights(model, join(golden, 'mobilenet_a025_notop_weights.h5'));
      const x = tf.tensor(record.x, record.x_shape);
      const y = (await model.predict(x)) as tf.Tensor;
      const scale = Math.max(...record.y.map(Math.abs));
      expectAllClose(y, record.y, { rtol: 1e-4, atol: 1e-4 * scale });
      tf.dispose([x, y]);
      model.dispose();
    });
  });
});
