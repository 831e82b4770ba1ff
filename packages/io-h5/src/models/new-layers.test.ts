import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './load';
import { serializeModel } from './save';

/**
 * A model of the layers added for issue 16, saved by real Keras 3.15.1 (scripts/new_layers_fixtures.py):
 * ConvLSTM2D → Conv3DTranspose → Reshape → EinsumDense → RNN(StackedRNNCells) → GroupQueryAttention →
 * SpectralNormalization(Dense). Loading it checks the configs and, above all, that every weight lands in
 * its place (the files store them in each layer's weight order).
 */
const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'new-layers');
const fixture = JSON.parse(readFileSync(join(FIXTURES, 'new_layers.json'), 'utf8')) as { inputs: number[]; outputs: number[]; weight_paths: string[] };

beforeAll(async () => {
  await useBackend('cpu');
});

describe('the issue-16 layers in files written by Keras', () => {
  for (const file of ['new_layers.keras', 'new_layers.h5']) {
    it(`${file} loads with Keras's weight paths and predicts Keras's outputs`, async () => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));
      const model = await loadModel(bytes, { container: file.endsWith('.h5') ? 'hdf5' : 'zip' });
      expect(model.weights.map((w) => w.path)).toEqual(fixture.weight_paths);
      const inputs = tf.tensor(fixture.inputs);
      const outputs = (await model.predict(inputs)) as tf.Tensor;
      expectAllClose(outputs, fixture.outputs, { rtol: 1e-4, atol: 1e-5 });
      // And back: Strata's own file of the model predicts the same.
      const again = await loadModel(await serializeModel(model, 'keras'), { container: 'zip' });
      const repeated = (await again.predict(inputs)) as tf.Tensor;
      expectAllClose(repeated, outputs, { rtol: 0, atol: 0 });
      tf.dispose([inputs, outputs, repeated]);
      model.dispose();
      again.dispose();
    });
  }
});
