import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_MODELS, type Listing, goldenAvailable, listHdf5, readGoldenBytes, zipMembers } from '../test-support/golden-files';
import { loadModel, loadWeights } from './load';
import { serializeModel } from './save';
import { disposeLoaded, hasRecurrentLayers, modelFromMeta, predictGolden, tensorCount } from '../test-support/loaded-models';

beforeAll(async () => {
  await useBackend('cpu');
});

type Json = Record<string, unknown>;

/**
 * Python's id() of a shared object, written by Keras as `shared_object_id`:
 * a memory address, different on every run, that only says "these dtype
 * policies were one object". Strata does not reproduce addresses.
 */
function withoutSharedIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSharedIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'shared_object_id').map(([key, inner]) => [key, withoutSharedIds(inner)]));
}

/**
 * Keras 3.15 on torch leaves Adam and RMSprop out of compile_config, and
 * writes SGD with the torch-internal module `keras.src.backend.torch.optimizers.torch_sgd`.
 * Strata always writes the optimizer, as the public `keras.optimizers` class
 * Keras's loader reads (and needs, to restore the state). Compare the rest,
 * and the optimizer's class and config where Keras wrote one.
 */
function compareConfigs(ours: Json, theirs: Json): void {
  const ourCompile = { ...(ours.compile_config as Json) };
  const theirCompile = { ...(theirs.compile_config as Json) };
  const ourOptimizer = ourCompile.optimizer as Json;
  const theirOptimizer = theirCompile.optimizer as Json | undefined;
  delete ourCompile.optimizer;
  delete theirCompile.optimizer;
  expect(ourCompile).toEqual(theirCompile);
  if (theirOptimizer) expect({ class_name: ourOptimizer.class_name, config: ourOptimizer.config }).toEqual({ class_name: theirOptimizer.class_name, config: theirOptimizer.config });
  expect(withoutSharedIds({ ...ours, compile_config: null })).toEqual(withoutSharedIds({ ...theirs, compile_config: null }));
}

/** `backend` names the framework that wrote the file: Keras's golden files say "torch", Strata says "tensorflow" (tfjs). */
function withoutBackend(listing: Listing): Listing {
  const copy = structuredClone(listing) as Record<string, { attributes?: Record<string, unknown> }>;
  for (const entry of Object.values(copy)) delete entry.attributes?.backend;
  return copy;
}

describe.skipIf(!goldenAvailable)('Strata saves the golden models as Keras 3.15.1 does, and reads its own files back', () => {
  for (const name of GOLDEN_MODELS) {
    const skip = name === 'e2_embedding_lstm' && !hasRecurrentLayers;

    it.skipIf(skip)(`${name}: .keras and .weights.h5 have Keras's members, config, groups, attributes and datasets`, async () => {
      clearSession();
      const original = readGoldenBytes(name, 'model.keras');
      const model = await loadModel(original, { warn: () => {} });
      const theirs = await zipMembers(original);
      const before = tensorCount();
      const saved = await serializeModel(model, 'keras');
      expect(tensorCount(), 'saving leaves no tensor behind').toBe(before);
      const ours = await zipMembers(saved);
      expect(ours.map(({ name, method }) => ({ name, method }))).toEqual(theirs.map(({ name, method }) => ({ name, method })));
      const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
      const [ourMetadata, theirMetadata] = [decode(ours[0].bytes), decode(theirs[0].bytes)];
      expect({ ...ourMetadata, date_saved: 'date' }).toEqual({ ...theirMetadata, date_saved: 'date' });
      expect(ourMetadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
      compareConfigs(decode(ours[1].bytes), decode(theirs[1].bytes));
      expect(await listHdf5(ours[2].bytes)).toEqual(await listHdf5(theirs[2].bytes));

      const weightsOnly = await serializeModel(model, 'weights.h5');
      expect(await listHdf5(weightsOnly)).toEqual(await listHdf5(readGoldenBytes(name, 'model.weights.h5')));

      // Strata save → Strata load predicts exactly what the saved model predicts.
      const expected = await predictGolden(model, name);
      const reloaded = await loadModel(saved, { warn: () => {} });
      const rebuilt = modelFromMeta(name);
      await loadWeights(rebuilt, weightsOnly);
      for (const copy of [reloaded, rebuilt]) {
        const predicted = await predictGolden(copy, name);
        expectAllClose(predicted, expected, { rtol: 0, atol: 0 });
        predicted.dispose();
      }
      expected.dispose();
      disposeLoaded(reloaded);
      rebuilt.dispose();
      disposeLoaded(model);
    });

    it.skipIf(skip)(`${name}: .h5 has Keras's attributes, configs, groups and datasets`, async () => {
      clearSession();
      const original = readGoldenBytes(name, 'model.h5');
      const model = await loadModel(original, { warn: () => {} });
      const jsonAttributes = ['model_config', 'training_config'];
      const saved = await serializeModel(model, 'h5');
      const ours = await listHdf5(saved, jsonAttributes);
      expect(withoutBackend(ours)).toEqual(withoutBackend(await listHdf5(original, jsonAttributes)));
      const reloaded = await loadModel(saved, { warn: () => {} });
      const [predicted, expected] = [await predictGolden(reloaded, name), await predictGolden(model, name)];
      expectAllClose(predicted, expected, { rtol: 0, atol: 0 });
      tf.dispose([predicted, expected]);
      disposeLoaded(reloaded);
      disposeLoaded(model);
    });
  }
});
