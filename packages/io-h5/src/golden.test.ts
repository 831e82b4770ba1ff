import { describe, expect, it } from 'vitest';
import { readKerasArchive } from './keras-archive';
import { readLegacyH5 } from './legacy-h5';
import { readKerasFile } from './read-any';
import { expectSameArray, expectSameWeight, GOLDEN_MODELS, goldenAvailable, goldenWeights, readGoldenBytes } from './test-support/golden-files';
import type { LegacyH5Model, NamedWeight, WeightArray, WeightsStore } from './types';
import { readWeightsH5 } from './weights-store';

/** The layer that owns each variable path, from the legacy file's weight_names. */
function layerOfPath(legacy: LegacyH5Model): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [layer, weights] of legacy.layers) for (const weight of weights) owners.set(weight.name, layer);
  return owners;
}

/** A Keras 3 store's layer variables grouped per layer (`layers/<layer>/...`), in file order within the layer. */
function storeWeightsOfLayer(store: WeightsStore, layer: string): WeightArray[] {
  return [...store.weights].filter(([key]) => key.startsWith(`layers/${layer}/`)).map(([, array]) => array);
}

describe.skipIf(!goldenAvailable)('golden files written by Keras 3.15.1', () => {
  for (const model of GOLDEN_MODELS) {
    describe(model, () => {
      it('model.h5 holds exactly the weights of weights.npz, named by their variable paths', async () => {
        const legacy = await readLegacyH5(readGoldenBytes(model, 'model.h5'));
        expect(legacy.kerasVersion).toBe('3.15.1');
        expect(legacy.backend).toBe('torch');
        expect((legacy.modelConfig as { class_name: string }).class_name).toMatch(/^(Sequential|Functional)$/);
        expect(legacy.trainingConfig).toHaveProperty('optimizer_config');
        const byName = new Map<string, NamedWeight>([...legacy.layers.values()].flat().map((weight) => [weight.name, weight]));
        const expected = goldenWeights(model, 'weights.npz');
        expect(byName.size).toBe(expected.length);
        for (const { path, array } of expected) expectSameArray(byName.get(path)!.array, array, `${model} h5 ${path}`);
        expect(legacy.topLevelWeights).toEqual([]);
      });

      it('model.keras and model.weights.h5 hold the same weights, per layer in model.weights order', async () => {
        const legacy = await readLegacyH5(readGoldenBytes(model, 'model.h5'));
        const owners = layerOfPath(legacy);
        const archive = await readKerasArchive(readGoldenBytes(model, 'model.keras'));
        const weightsFile = await readWeightsH5(readGoldenBytes(model, 'model.weights.h5'));
        expect(archive.metadata.keras_version).toBe('3.15.1');
        expect(archive.metadata.date_saved).toMatch(/^\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d$/);
        expect(archive.config).toHaveProperty('class_name');
        expect(archive.assets.size).toBe(0);
        const expected = goldenWeights(model, 'weights.npz');
        for (const store of [archive, weightsFile]) {
          const layers = [...new Set(expected.map(({ path }) => owners.get(path)!))];
          for (const layer of layers) {
            const ours = storeWeightsOfLayer(store, layer);
            const theirs = expected.filter(({ path }) => owners.get(path) === layer);
            expect(ours.length, `${model} ${layer}`).toBe(theirs.length);
            theirs.forEach(({ path, array }, index) => {
      expectSameArray(ours[index], array, `${model} ${layer} ${path}`);
    });
          }
          const layerVariableCount = [...store.weights.keys()].filter((key) => key.startsWith('layers/')).length;
          expect(layerVariableCount).toBe(expected.length);
        }
        // Keras ≥ 3.6 creates a named `vars` group for every saveable, empty or not.
        expect(archive.groups.find((group) => group.path === '')?.name).toMatch(/^(sequential|functional)/);
        expect(archive.groups.map((group) => group.path)).toEqual(weightsFile.groups.map((group) => group.path));
      });
    });
  }

  it('reads the optimizer state of a_mlp_tutorial_trained (Adam after 8 steps) identically from .keras and .h5', async () => {
    const archive = await readKerasArchive(readGoldenBytes('a_mlp_tutorial_trained', 'model.keras'));
    const legacy = await readLegacyH5(readGoldenBytes('a_mlp_tutorial_trained', 'model.h5'));
    const optimizer = [...archive.weights].filter(([key]) => key.startsWith('optimizer/vars/'));
    expect(optimizer.map(([key]) => key)).toEqual(Array.from({ length: 10 }, (_, index) => `optimizer/vars/${index}`));
    expect(archive.groups.find((group) => group.path === 'optimizer')?.name).toBe('adam');
    // 64 samples in batches of 16 for 2 epochs; the torch backend stores the iteration as int32.
    expect(optimizer[0][1]).toEqual({ shape: [], dtype: 'int32', data: Int32Array.of(8) });
    expect(optimizer[1][1].data[0]).toBeCloseTo(0.001, 9);
    expect(legacy.optimizerWeights!.map((weight) => weight.name)).toEqual([
      'adam/iteration',
      'adam/learning_rate',
      'adam/sequential_dense_kernel_momentum',
      'adam/sequential_dense_kernel_velocity',
      'adam/sequential_dense_bias_momentum',
      'adam/sequential_dense_bias_velocity',
      'adam/sequential_dense_1_kernel_momentum',
      'adam/sequential_dense_1_kernel_velocity',
      'adam/sequential_dense_1_bias_momentum',
      'adam/sequential_dense_1_bias_velocity',
    ]);
    legacy.optimizerWeights!.forEach((weight, index) => {
      expectSameWeight(optimizer[index][1], weight.array, weight.name);
    });
    // Adam's second moments are squares of gradients' running average: never negative, not all zero.
    const velocity = optimizer[3][1].data as Float32Array;
    expect(velocity.every((value) => value >= 0)).toBe(true);
    expect(velocity.some((value) => value > 0)).toBe(true);
  });

  it('reads train/a_adam after 3 steps: weights equal weights_after_step3.npz and the optimizer matches record.json', async () => {
    const record = JSON.parse(new TextDecoder().decode(readGoldenBytes('train', 'a_adam', 'record.json'))) as { optimizer_variables: Array<{ path: string; shape: number[] }> };
    const expected = goldenWeights('train', 'a_adam', 'weights_after_step3.npz');
    const legacy = await readLegacyH5(readGoldenBytes('train', 'a_adam', 'model_after_step3.h5'));
    const archive = await readKerasArchive(readGoldenBytes('train', 'a_adam', 'model_after_step3.keras'));
    const byName = new Map([...legacy.layers.values()].flat().map((weight) => [weight.name, weight.array]));
    for (const { path, array } of expected) expectSameArray(byName.get(path)!, array, `a_adam h5 ${path}`);
    const layerWeights = [...archive.weights].filter(([key]) => key.startsWith('layers/')).map(([, array]) => array);
    expected.forEach(({ path, array }, index) => {
      expectSameArray(layerWeights[index], array, `a_adam keras ${path}`);
    });

    expect(legacy.optimizerWeights!.map((weight) => weight.name)).toEqual(record.optimizer_variables.map((variable) => variable.path));
    const optimizer = [...archive.weights].filter(([key]) => key.startsWith('optimizer/')).map(([, array]) => array);
    expect(optimizer.map((array) => array.shape)).toEqual(record.optimizer_variables.map((variable) => variable.shape));
    expect(Number(optimizer[0].data[0])).toBe(3);
    expect(optimizer[1].data[0]).toBeCloseTo(0.001, 9);
    legacy.optimizerWeights!.forEach((weight, index) => {
      expectSameWeight(optimizer[index], weight.array, weight.name);
    });
  });

  it('reads train/a_rmsprop and the shared initial weights file', async () => {
    const record = JSON.parse(new TextDecoder().decode(readGoldenBytes('train', 'a_rmsprop', 'record.json'))) as { optimizer_variables: Array<{ path: string }> };
    const legacy = await readLegacyH5(readGoldenBytes('train', 'a_rmsprop', 'model_after_step3.h5'));
    // Keras names RMSprop's variables from snake_case("RMSprop"), hence "rm_sprop/iteration".
    expect(legacy.optimizerWeights!.map((weight) => weight.name)).toEqual(record.optimizer_variables.map((variable) => variable.path));
    expect(Number(legacy.optimizerWeights![0].array.data[0])).toBe(3);
    const initial = await readKerasFile(readGoldenBytes('train', 'a_shared', 'initial.weights.h5'));
    expect(initial.kind).toBe('weights-h5');
    const expected = goldenWeights('train', 'a_shared', 'initial.npz');
    const layerWeights = [...(initial as WeightsStore).weights].filter(([key]) => key.startsWith('layers/')).map(([, array]) => array);
    expected.forEach(({ path, array }, index) => {
      expectSameArray(layerWeights[index], array, `initial ${path}`);
    });
  });
});
