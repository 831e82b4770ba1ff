import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { bytesFrom, readFileBytes, toBytes, writeFileAtomic } from './file-io';
import { readKerasArchive, writeKerasArchive } from './keras-archive';
import { readLegacyH5, writeLegacyH5, writeLegacyWeightsH5 } from './legacy-h5';
import { detectKerasFileKind, readKerasFile } from './read-any';
import { KerasFileError, type NamedWeight, type WeightArray } from './types';
import { createWeightArray } from './weight-array';
import { readWeightsH5, writeWeightsH5 } from './weights-store';

/** Attribute names at the root of an HDF5 file, read with h5wasm directly. */
async function rootAttributeNames(bytes: Uint8Array): Promise<string[]> {
  const module = await h5wasm.ready;
  module.FS!.writeFile('/roundtrip-attributes.h5', bytes);
  const file = new h5wasm.File('/roundtrip-attributes.h5', 'r');
  try {
    return Object.keys(file.attrs).sort();
  } finally {
    file.close();
    module.FS!.unlink('/roundtrip-attributes.h5');
  }
}

const weights = new Map<string, WeightArray>([
  ['layers/functional/layers/dense/vars/0', createWeightArray([2, 3], 'float32', Float32Array.of(1, 2, 3, 4, 5, 6.5))],
  ['layers/functional/layers/dense/vars/1', createWeightArray([3], 'float32', Float32Array.of(-1, 0, 1))],
  ['layers/lstm/cell/vars/0', createWeightArray([0, 3], 'float32', new Float32Array(0))],
  ['layers/embedding/vars/0', createWeightArray([2, 2], 'float64', Float64Array.of(Math.PI, Math.E, 1e-300, -0))],
  ['layers/lookup/vars/0', createWeightArray([4], 'uint8', Uint8Array.of(0, 1, 254, 255))],
  ['optimizer/vars/0', createWeightArray([], 'int64', BigInt64Array.of(2n ** 40n))],
  ['optimizer/vars/1', createWeightArray([], 'float32', Float32Array.of(0.001))],
  ['optimizer/vars/2', createWeightArray([2], 'int32', Int32Array.of(-7, 2147483647))],
]);
const groups = [
  { path: '', name: 'functional' },
  { path: 'layers/input_layer', name: 'input_layer' },
  { path: 'layers/functional/layers/dense', name: 'dense' },
  { path: 'optimizer', name: 'adam' },
];

describe('round trips through our writers and readers', () => {
  it('.keras: metadata, config, nested paths, every dtype, empty groups and assets survive', async () => {
    const config = { module: 'keras', class_name: 'Sequential', config: { name: 'sequential', 'unicode é': [1, 2.5, null, true] }, registered_name: null };
    const assets = new Map([['assets/vocabulary/tokens.txt', new TextEncoder().encode('a\nb\n')]]);
    const bytes = await writeKerasArchive({ metadata: { date_saved: '2026-01-02@03:04:05' }, config, weights, groups, assets });
    const archive = await readKerasArchive(bytes);
    expect(archive.metadata).toEqual({ keras_version: '3.15.1', date_saved: '2026-01-02@03:04:05' });
    expect(archive.config).toEqual(config);
    expect([...archive.weights.keys()].sort()).toEqual([...weights.keys()].sort());
    for (const [key, array] of weights) expect(archive.weights.get(key), key).toEqual(array);
    expect(archive.groups.find((group) => group.path === 'layers/input_layer')).toEqual({ path: 'layers/input_layer', name: 'input_layer' });
    // Groups that only exist because they hold weights carry no name attribute.
    expect(archive.groups.find((group) => group.path === 'layers/lstm/cell')).toEqual({ path: 'layers/lstm/cell' });
    expect(archive.assets.get('assets/vocabulary/tokens.txt')).toEqual(assets.get('assets/vocabulary/tokens.txt'));
    expect((await readKerasFile(bytes)).kind).toBe('keras-archive');
  });

  it('.weights.h5: the same store round-trips and is detected as a weights file', async () => {
    const bytes = await writeWeightsH5({ weights, groups });
    const store = await readWeightsH5(bytes);
    for (const [key, array] of weights) expect(store.weights.get(key), key).toEqual(array);
    expect(await detectKerasFileKind(bytes)).toBe('weights-h5');
  });

  it('reads a .keras saved on Windows, whose groups are named layers\\dense', async () => {
    const kernel = createWeightArray([1], 'float32', Float32Array.of(3));
    const bytes = await writeKerasArchive({ config: {}, weights: new Map([['layers\\dense/vars/0', kernel]]), groups: [{ path: 'layers\\dense', name: 'dense' }] });
    const archive = await readKerasArchive(bytes);
    expect([...archive.weights.keys()]).toEqual(['layers/dense/vars/0']);
    expect(archive.groups).toEqual([{ path: 'layers/dense', name: 'dense' }]);
  });

  it('legacy .h5 in the Keras 2 dialect: names like dense_1/kernel:0, no top-level group, an optimizer', async () => {
    const kernel = createWeightArray([2, 1], 'float32', Float32Array.of(0.5, -0.5));
    const bias = createWeightArray([1], 'float32', Float32Array.of(0.25));
    const layers = new Map<string, NamedWeight[]>([
      ['input_1', []],
      ['dense_1', [{ name: 'dense_1/kernel:0', array: kernel }, { name: 'dense_1/bias:0', array: bias }]],
    ]);
    const optimizerWeights = [{ name: 'Adam/iter:0', array: createWeightArray([], 'int64', BigInt64Array.of(5n)) }];
    const modelConfig = { class_name: 'Sequential', config: { name: 'sequential_1', layers: [{ class_name: 'Dense', config: { units: 1, batch_input_shape: [null, 2] } }] } };
    const bytes = await writeLegacyH5({ kerasVersion: '2.15.0', backend: 'tensorflow', modelConfig, trainingConfig: { loss: 'mse' }, layers, topLevelWeights: null, optimizerWeights });
    const model = await readLegacyH5(bytes);
    expect(model).toEqual({ kerasVersion: '2.15.0', backend: 'tensorflow', modelConfig, trainingConfig: { loss: 'mse' }, layerNames: ['input_1', 'dense_1'], layers, topLevelWeights: null, optimizerWeights });
  });

  it('legacy weights-only .h5 (Keras 2 save_weights) with layer_names split past the 64 KiB header limit', async () => {
    const layerNames = Array.from({ length: 1500 }, (_, index) => `a_rather_long_layer_name_to_fill_the_header_${String(index).padStart(5, '0')}`);
    const layers = new Map<string, NamedWeight[]>(layerNames.map((name) => [name, []]));
    layers.set(layerNames[7], [{ name: `${layerNames[7]}/kernel:0`, array: createWeightArray([1], 'float32', Float32Array.of(7)) }]);
    const bytes = await writeLegacyWeightsH5({ kerasVersion: '2.13.1', layers, topLevelWeights: null });
    expect(await rootAttributeNames(bytes)).toEqual(['backend', 'keras_version', 'layer_names0', 'layer_names1']);
    const model = await readLegacyH5(bytes);
    expect(model.modelConfig).toBeNull();
    expect(model.layerNames).toEqual(layerNames);
    expect(model.layers.get(layerNames[7])![0].array.data).toEqual(Float32Array.of(7));
    expect(model.kerasVersion).toBe('2.13.1');
    expect(await detectKerasFileKind(bytes)).toBe('legacy-h5');
  });

  it('refuses to write inconsistent content with a KerasFileError', async () => {
    const good = createWeightArray([1], 'float32', Float32Array.of(1));
    await expect(writeWeightsH5({ weights: new Map([['layers/dense/kernel', good]]) })).rejects.toThrow(/not of the form <path>\/vars\/<index>/);
    await expect(writeWeightsH5({ weights: new Map([['layers/dense/vars/1', good]]) })).rejects.toThrow(/vars\/0 is missing/);
    const lying = { shape: [2, 2], dtype: 'float32', data: new Float32Array(3) } as WeightArray;
    await expect(writeWeightsH5({ weights: new Map([['vars/0', lying]]) })).rejects.toThrow(/holds 4 elements but the data has 3/);
    expect(() => createWeightArray([1], 'float32', Int32Array.of(1))).toThrow(KerasFileError);
  });
});

describe('bytes from files, buffers and blobs', () => {
  it('accepts a Uint8Array, an ArrayBuffer and a Blob', async () => {
    const bytes = Uint8Array.of(1, 2, 3);
    expect(await toBytes(bytes)).toBe(bytes);
    expect(await toBytes(bytes.buffer as ArrayBuffer)).toEqual(bytes);
    expect(await toBytes(new Blob([bytes]))).toEqual(bytes);
  });

  it('writeFileAtomic replaces a file whole, and a failed save leaves the old file intact with no temporary files', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-io-h5-'));
    const path = join(folder, 'model.keras');
    writeFileSync(path, 'old content');
    const archive = await writeKerasArchive({ config: { class_name: 'Sequential' }, weights: new Map() });
    await writeFileAtomic(path, archive);
    expect((await readKerasArchive(await readFileBytes(path))).config).toEqual({ class_name: 'Sequential' });
    expect(await bytesFrom(path)).toEqual(archive);

    const before = readFileSync(path);
    // A write that fails midway (here: data the file system refuses).
    await expect(writeFileAtomic(path, 42 as unknown as Uint8Array)).rejects.toThrow();
    expect(readFileSync(path)).toEqual(before);
    // A rename that fails (the target is a folder that is not empty).
    await expect(writeFileAtomic(folder, archive)).rejects.toThrow();
    expect(readdirSync(folder)).toEqual(['model.keras']);
  });
});
