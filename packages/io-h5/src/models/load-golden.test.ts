import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { expectAllClose, readGoldenNpz } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_MODELS, goldenAvailable } from '../test-support/golden-files';
import { loadModel, loadWeights } from './load';
import { collectWarnings, compileLeak, disposeLoaded, goldenFile, goldenPrediction, hasRecurrentLayers, modelFromMeta, predictGolden, tensorCount } from '../test-support/loaded-models';

let leakPerCompile = 0;

beforeAll(async () => {
  await useBackend('cpu');
  leakPerCompile = compileLeak();
});

/**
 * Every golden model, from each of its three files, predicts what Keras
 * predicted. Per layer Strata matches Keras to 1e-5; a whole model stacks a
 * few float32 reductions computed in another order (tfjs cpu vs torch), so
 * the whole-model check allows 1e-5 relative plus 1e-6 absolute.
 */
describe.skipIf(!goldenAvailable)('loading the golden Keras 3.15.1 files', () => {
  for (const name of GOLDEN_MODELS) {
    const skip = name === 'e2_embedding_lstm' && !hasRecurrentLayers;
    for (const file of ['model.keras', 'model.h5']) {
      it.skipIf(skip)(`${name}/${file} loads and predicts Keras's predict.npy`, async () => {
        clearSession();
        const before = tensorCount();
        const { warn, messages } = collectWarnings();
        const model = await loadModel(goldenFile(name, file), { warn });
        const predicted = await predictGolden(model, name);
        const expected = goldenPrediction(name);
        expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
        // The weights are Keras's, bit for bit, in model.weights order.
        const golden = [...readGoldenNpz(name, 'weights.npz').values()];
        const ours = model.getWeights();
        expect(ours.map((tensor) => tensor.shape)).toEqual(golden.map((array) => array.shape));
        ours.forEach((tensor, i) => expect(Buffer.from((tensor.dataSync() as Float32Array).buffer).equals(Buffer.from(golden[i].data.buffer, golden[i].data.byteOffset, golden[i].data.byteLength))).toBe(true));
        expect(model.compiled, 'every golden model was compiled').not.toBeNull();
        expect(messages.filter((message) => !message.includes('names no optimizer'))).toEqual([]);
        tf.dispose([predicted, expected, ...ours]);
        disposeLoaded(model);
        expect(tensorCount()).toBe(before + leakPerCompile);
      });
    }

    it.skipIf(skip)(`${name}/model.weights.h5 loads into the model rebuilt from meta.json`, async () => {
      clearSession();
      const before = tensorCount();
      const model = modelFromMeta(name);
      await loadWeights(model, goldenFile(name, 'model.weights.h5'));
      const predicted = await predictGolden(model, name);
      const expected = goldenPrediction(name);
      expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
      tf.dispose([predicted, expected]);
      model.dispose();
      expect(tensorCount()).toBe(before);
    });
  }
});
