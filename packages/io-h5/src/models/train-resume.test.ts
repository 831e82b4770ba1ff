import { useBackend } from '@strata/backend';
import { Dense, Flatten, clearSession } from '@strata/layers';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { type Model, Sequential } from '@strata/models';
import { Adam } from '@strata/optimizers';
import { expectAllClose, npyToTensor, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenAvailable, readGoldenBytes } from '../test-support/golden-files';
import { readKerasArchive, writeKerasArchive } from '../keras-archive';
import { readKerasFile } from '../read-any';
import { loadModel, loadWeights } from './load';
import { serializeModel } from './save';
import { collectWarnings, disposeLoaded, goldenFile } from '../test-support/loaded-models';

let x: tf.Tensor;
let y: tf.Tensor;

beforeAll(async () => {
  await useBackend('cpu');
  if (!goldenAvailable) return;
  x = npyToTensor(readGoldenNpy('train', 'a_shared', 'x.npy'));
  y = npyToTensor(readGoldenNpy('train', 'a_shared', 'y.npy'));
});

afterAll(() => tf.dispose([x, y]));

/** Model (a) from train/a_shared's initial weights, compiled as the a_adam case, after `steps` steps in Strata. */
async function strataAdamModel(steps: number): Promise<Model> {
  clearSession();
  const model = new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense(128, { activation: 'relu' }), new Dense(10)]);
  await loadWeights(model, goldenFile('train/a_shared', 'initial.weights.h5'));
  model.compile({ optimizer: new Adam({ learningRate: 1e-3 }), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
  for (let step = 0; step < steps; step++) await model.trainOnBatch(x, y);
  return model;
}

function expectSameWeights(actual: Model, expected: Model, tolerance: { rtol: number; atol: number }): void {
  const [ours, theirs] = [actual.getWeights(), expected.getWeights()];
  ours.forEach((tensor, i) => expectAllClose(tensor, theirs[i], tolerance));
  tf.dispose([...ours, ...theirs]);
}

/** Exact equality without vitest's deep diff, which is slow on 100,000-element arrays. */
function expectSameValues(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  const first = Array.prototype.findIndex.call(actual, (value: number, i: number) => value !== expected[i]);
  expect(first, `${label}: first differing index`).toBe(-1);
}

describe.skipIf(!goldenAvailable)('a loaded model resumes training where it stopped', () => {
  for (const file of ['model_after_step3.keras', 'model_after_step3.h5']) {
    it(`train/a_adam/${file}: compiled, Adam state restored, and step 4 equals Strata's own step 4`, async () => {
      const { warn } = collectWarnings();
      clearSession();
      const loaded = await loadModel(goldenFile('train/a_adam', file), { warn });
      const optimizer = loaded.optimizer as Adam;
      expect(optimizer.className).toBe('Adam');
      expect(optimizer.iterations).toBe(3);
      expect(optimizer.learningRate).toBeCloseTo(1e-3, 9);
      // The state is the file's, value for value, in Keras's order.
      const saved = await readKerasFile(readGoldenBytes('train', 'a_adam', file));
      const savedValues = saved.kind === 'keras-archive' ? [...saved.weights].filter(([key]) => key.startsWith('optimizer/')).map(([, array]) => array) : (saved.kind === 'legacy-h5' ? saved.optimizerWeights ?? [] : []).map((weight) => weight.array);
      const variables = optimizer.variables();
      expect(variables.map((variable) => variable.path)).toContain('adam/sequential_dense_kernel_momentum');
      variables.forEach((variable, i) => expectSameValues(variable.tensor.dataSync(), Array.from(savedValues[i].data, Number), variable.path));

      const continued = await strataAdamModel(4);
      await loaded.trainOnBatch(x, y);
      // Keras's three steps and Strata's agree to float32 rounding (optimizers' golden test); so does the fourth.
      expectSameWeights(loaded, continued, { rtol: 1e-5, atol: 1e-6 });
      expect(optimizer.iterations).toBe(4);
      disposeLoaded(loaded);
      disposeLoaded(continued);
    });
  }

  for (const format of ['keras', 'h5'] as const) {
    it(`a Strata model saved as .${format} after 3 steps, loaded, and stepped once equals the original stepped once, bit for bit`, async () => {
      const original = await strataAdamModel(3);
      const bytes = await serializeModel(original, format);
      clearSession();
      const loaded = await loadModel(bytes);
      expect(loaded.optimizer?.iterations).toBe(3);
      await original.trainOnBatch(x, y);
      await loaded.trainOnBatch(x, y);
      expectSameWeights(loaded, original, { rtol: 0, atol: 0 });
      const [ourSlots, theirSlots] = [loaded.optimizer!.variables(), original.optimizer!.variables()];
      ourSlots.forEach((slot, i) => expectSameValues(slot.tensor.dataSync(), theirSlots[i].tensor.dataSync(), slot.path));
      disposeLoaded(loaded);
      disposeLoaded(original);
    });
  }

  it('a_mlp_tutorial_trained comes back compiled with its Adam state after 8 steps, and train/a_sgd_momentum and a_rmsprop with theirs', async () => {
    for (const [dir, file, className, iterations] of [
      ['a_mlp_tutorial_trained', 'model.keras', 'Adam', 8],
      ['a_mlp_tutorial_trained', 'model.h5', 'Adam', 8],
      ['train/a_sgd_momentum', 'model_after_step3.keras', 'SGD', 3],
      ['train/a_rmsprop', 'model_after_step3.h5', 'RMSprop', 3],
    ] as const) {
      clearSession();
      const model = await loadModel(goldenFile(dir, file), { warn: () => {} });
      expect(model.optimizer?.className, `${dir}/${file}`).toBe(className);
      expect(model.optimizer?.iterations, `${dir}/${file}`).toBe(iterations);
      expect(model.compiled?.metricIdentifiers).toEqual(dir === 'a_mlp_tutorial_trained' ? [['accuracy']] : [[]]);
      if (className === 'SGD') expect(model.optimizer?.getConfig()).toMatchObject({ momentum: 0.9, nesterov: false });
      disposeLoaded(model);
    }
    // TensorFlow-backend Keras stores `iteration` as int64: it narrows to Strata's int32 counter.
    const archive = await readKerasArchive(readGoldenBytes('train', 'a_adam', 'model_after_step3.keras'));
    archive.weights.set('optimizer/vars/0', { shape: [], dtype: 'int64', data: new BigInt64Array([3n]) });
    clearSession();
    const fromTensorFlow = await loadModel(await writeKerasArchive(archive), { warn: () => {} });
    expect(fromTensorFlow.optimizer?.iterations).toBe(3);
    disposeLoaded(fromTensorFlow);

    // Keras's own weights after its step 3 load into the Strata model; predict matches Keras's predict_after_step3.
    clearSession();
    const model = await loadModel(goldenFile('train/a_adam', 'model_after_step3.keras'), { warn: () => {} });
    const predicted = (await model.predict(x)) as tf.Tensor;
    const expected = npyToTensor(readGoldenNpy('train', 'a_adam', 'predict_after_step3.npy'));
    expectAllClose(predicted, expected, { rtol: 1e-5, atol: 1e-6 });
    const golden = [...readGoldenNpz('train', 'a_adam', 'weights_after_step3.npz').values()].map(npyToTensor);
    model.getWeights().forEach((tensor, i) => expectAllClose(tensor, golden[i], { rtol: 0, atol: 0 }));
    tf.dispose([predicted, expected, ...golden]);
    disposeLoaded(model);
  });
});
