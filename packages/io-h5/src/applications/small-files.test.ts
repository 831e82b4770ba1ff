// A keras.applications model through the file loader itself: MobileNet (alpha 0.25, 32x32, 5 classes, logits)
// saved by Keras 3.15.1 as .keras and .h5 with the formula weights (scripts/applications/make_small_files.py),
// small enough to commit. It loads with Keras's prediction, trains one step, and Strata's own saves of it load
// back with the same prediction (scripts/applications/check_strata_files.py checks them in real Keras).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { setRandomSeed } from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../models/load';
import { saveModel } from '../models/save';
import { disposeLoaded } from '../test-support/loaded-models';
import { formulaInput, relativeError } from './formula';

const filesDir = join(import.meta.dirname, '..', '..', 'fixtures', 'applications-files');
const expected = JSON.parse(readFileSync(join(filesDir, 'mobilenet_025_top.json'), 'utf8')) as {
  input_shape: number[];
  input_pixels: boolean;
  output_shape: number[];
  prediction: number[];
};
const folder = mkdtempSync(join(tmpdir(), 'strata-applications-'));
let input: tf.Tensor;

beforeAll(async () => {
  await useBackend('cpu');
  input = formulaInput(expected.input_shape, expected.input_pixels);
});

afterAll(() => {
  input.dispose();
  rmSync(folder, { recursive: true, force: true });
});

async function predictFlat(model: Model): Promise<Float32Array> {
  const output = (await model.predict(input)) as tf.Tensor;
  expect(output.shape).toEqual(expected.output_shape);
  const values = (await output.data()) as Float32Array;
  output.dispose();
  return values;
}

describe('MobileNet (alpha 0.25) files written by Keras 3.15.1', () => {
  for (const format of ['keras', 'h5']) {
    it(`loads from .${format} with Keras's prediction, and Strata's saves of it load back the same`, async () => {
      const model = await loadModel(join(filesDir, `mobilenet_025_top.${format}`), { compile: false });
      try {
        expect(model.layers.length).toBe(91);
        const loaded = await predictFlat(model);
        expect(relativeError(loaded, expected.prediction)).toBeLessThan(1e-4);
        for (const saved of ['keras', 'h5']) {
          const path = join(folder, `from-${format}.${saved}`);
          await saveModel(model, path);
          const reloaded = await loadModel(path, { compile: false });
          try {
            expect(relativeError(await predictFlat(reloaded), loaded)).toBe(0);
          } finally {
            disposeLoaded(reloaded);
          }
        }
      } finally {
        disposeLoaded(model);
      }
    });
  }

  it('trains: one SGD step moves the weights and lowers the loss on its batch', async () => {
    const model = await loadModel(join(filesDir, 'mobilenet_025_top.keras'), { compile: false });
    try {
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      const target = tf.zeros(expected.output_shape);
      const kernel = model.trainableWeights.find((w) => w.path.endsWith('conv_preds/kernel'));
      expect(kernel).toBeDefined();
      const before = kernel!.read().dataSync().slice();
      // The same seed before each step gives both the same Dropout mask (unseeded, the losses of two steps
      // varied by more than one step's gain: 0.29–1.22 after 1.11–1.17), so only the weights differ.
      setRandomSeed(17);
      const first = await model.fit(input, target, { epochs: 1, batchSize: 2, verbose: 0 });
      const after = kernel!.read().dataSync();
      expect(after.some((value, index) => value !== before[index])).toBe(true);
      setRandomSeed(17);
      const second = await model.fit(input, target, { epochs: 1, batchSize: 2, verbose: 0 });
      // Inference-mode BatchNormalization statistics differ from the batch's: compare the training losses.
      expect((second.history.loss as number[])[0]).toBeLessThan((first.history.loss as number[])[0]);
      target.dispose();
    } finally {
      disposeLoaded(model);
    }
  });
});
