import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { layers, models, saving, useBackend } from './index';

/**
 * fixtures/reversible-embedding/tied-head.keras: a functional model Keras 3.15.1 saved
 * (packages/layers/scripts/golden_reversible_embedding.py) whose ReversibleEmbedding is called
 * twice, on ids and then with reverse=True on hidden states: a tied language-model head.
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'reversible-embedding');
const golden = JSON.parse(readFileSync(join(FIXTURES, 'tied-head.json'), 'utf8')) as { ids: number[][]; model_output: number[][][] };

beforeAll(async () => {
  await useBackend('cpu');
});

describe("Keras's ReversibleEmbedding in a saved model", () => {
  it('loads the tied head Keras wrote, predicts its logits, and saves a file that loads again the same', async () => {
    const model = await models.loadModel(new Uint8Array(readFileSync(join(FIXTURES, 'tied-head.keras'))));
    const shared = model.getLayer('shared');
    expect(shared).toBeInstanceOf(layers.ReversibleEmbedding);
    expect(model.countParams()).toBe(6 * 4 + 4 * 4 + 4);
    const ids = tf.tensor2d(golden.ids, undefined, 'int32');
    const logits = (await model.predict(ids)) as tf.Tensor;
    const expected = tf.tensor(golden.model_output);
    expect(logits.shape).toEqual([2, 3, 6]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(logits, expected))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-5);
    const again = await models.loadModel(await saving.serializeModel(model, 'keras'));
    const logitsAgain = (await again.predict(ids)) as tf.Tensor;
    expect(Array.from(logitsAgain.dataSync())).toEqual(Array.from(logits.dataSync()));
    tf.dispose([ids, logits, expected, logitsAgain]);
    model.dispose();
    again.dispose();
  });
});
