// Builders of hostile model files for the loader tests (hostile-loads.test.ts, hostile-loads.process.test.ts);
// test-only, not bundled. Every file is small and made here, from a tiny model Strata saves itself.
import { zipSync } from 'fflate';
import type * as h5wasm from 'h5wasm';
import { buildHdf5, groupAt, kerasZip, zeros } from './hostile-files';

type File = InstanceType<typeof h5wasm.File>;
type Dataset = InstanceType<typeof h5wasm.Dataset>;

const encoder = new TextEncoder();

/** Keras 3's config of `Sequential([Input((4,)), Dense(3)])`, the model every good case holds. */
export function denseConfig(extraLayers: Array<Record<string, unknown>> = []): Record<string, unknown> {
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape: [null, 4], dtype: 'float32', name: 'input_layer' } },
        { module: 'keras.layers', class_name: 'Dense', config: { name: 'dense', units: 3, activation: 'linear', use_bias: true } },
        ...extraLayers,
      ],
    },
    registered_name: null,
  };
}

/** The good weights of denseConfig: kernel [4, 3] = 0.1 * index, bias [3] = 1. */
export function denseWeights(file: File): void {
  const vars = groupAt(file, 'layers/dense/vars');
  vars.create_dataset({ name: '0', data: Float32Array.from({ length: 12 }, (_, index) => index / 10), shape: [4, 3], dtype: '<f' });
  vars.create_dataset({ name: '1', data: Float32Array.of(1, 1, 1), shape: [3], dtype: '<f' });
}

/** A good `.keras` file of denseConfig: the file every test loads after a refusal. */
export async function goodKeras(): Promise<Uint8Array> {
  return kerasZip({ config: JSON.stringify(denseConfig()), metadata: '{"keras_version": "3.15.1"}', weights: await buildHdf5(denseWeights) });
}

/**
 * Class 1: a compressed dataset whose chunks were never written. HDF5 fills
 * unwritten chunks with the fill value, so 1.6 GB decode from a file of a few
 * kilobytes once the archive is deflated.
 */
export async function unwrittenChunksKeras(): Promise<Uint8Array> {
  const weights = await buildHdf5((file) => {
    denseWeights(file);
    const vars = groupAt(file, 'layers/dense/vars');
    vars.create_dataset({ name: '2', data: new Float32Array(4), shape: [2, 2], dtype: '<f', maxshape: [null, null], chunks: [64, 64], compression: 'gzip' });
    (vars.get('2') as Dataset).resize([20_000, 20_000]);
  });
  return kerasZip({ config: JSON.stringify(denseConfig()), weights }, 9);
}

/** Class 1: one 64 KiB dataset named 1,500 times through hard links (a 100 MB read from a small file). */
export async function hardLinkedKeras(): Promise<Uint8Array> {
  const weights = await buildHdf5((file) => {
    denseWeights(file);
    const vars = groupAt(file, 'layers/dense/vars');
    vars.create_dataset({ name: '2', data: new Float32Array(16_384), shape: [16_384], dtype: '<f' });
    for (let index = 3; index < 1502; index++) vars.create_hard_link('/layers/dense/vars/2', String(index));
  });
  return kerasZip({ config: JSON.stringify(denseConfig()), weights });
}

/** Class 1: a good model plus a group no layer owns, holding a 1.6 GB dataset of unwritten compressed chunks. */
export async function unusedGroupKeras(): Promise<Uint8Array> {
  const weights = await buildHdf5((file) => {
    denseWeights(file);
    const vars = groupAt(file, 'layers/ghost/vars');
    vars.create_dataset({ name: '0', data: new Float32Array(4), shape: [2, 2], dtype: '<f', maxshape: [null, null], chunks: [64, 64], compression: 'gzip' });
    (vars.get('0') as Dataset).resize([20_000, 20_000]);
  });
  return kerasZip({ config: JSON.stringify(denseConfig()), weights }, 9);
}

/** Class 1: a legacy `.h5` whose weight_names lists one dataset 1,500 times. */
export async function repeatedWeightNamesH5(): Promise<Uint8Array> {
  return buildHdf5((file) => {
    file.create_attribute('model_config', JSON.stringify(denseConfig()), null, 'A');
    const weights = groupAt(file, 'model_weights');
    weights.create_attribute('layer_names', ['dense'], [1], 'A');
    const layer = groupAt(weights, 'dense');
    const names = Array.from({ length: 1500 }, () => 'dense/kernel:0');
    layer.create_attribute('weight_names', names, [names.length], 'A');
    groupAt(layer, 'dense').create_dataset({ name: 'kernel:0', data: new Float32Array(12), shape: [4, 3], dtype: '<f' });
  });
}

/** Class 2: a config.json of 64 MiB of zeros, deflated to about 64 KiB. */
export function configBombKeras(): Uint8Array {
  return zipSync({ 'config.json': [zeros(64 * 1024 ** 2), { level: 9 }] });
}

/** Class 2: a good model plus an asset of 64 MiB of zeros, deflated about 1000:1. */
export async function assetBombKeras(): Promise<Uint8Array> {
  return kerasZip({ config: JSON.stringify(denseConfig()), weights: await buildHdf5(denseWeights), extra: { 'assets/vocabulary.txt': zeros(64 * 1024 ** 2) } }, 9);
}

/** Class 1: a config asking for a Dense of 10^8 units (1.6 GB of weights) in a file of a few kilobytes. */
export async function configBombWeightsKeras(): Promise<Uint8Array> {
  const config = denseConfig([{ module: 'keras.layers', class_name: 'Dense', config: { name: 'huge', units: 100_000_000 } }]);
  return kerasZip({ config: JSON.stringify(config), weights: await buildHdf5(denseWeights) });
}

/** Class 3 and 5: a Dense of 12 MB is built, then a Reshape that cannot apply fails. */
export async function failsHalfwayKeras(): Promise<Uint8Array> {
  const config = denseConfig([
    { module: 'keras.layers', class_name: 'Dense', config: { name: 'big', units: 1_000_000 } },
    { module: 'keras.layers', class_name: 'Reshape', config: { name: 'bad', target_shape: [7, 11] } },
  ]);
  return kerasZip({ config: JSON.stringify(config), weights: await buildHdf5(denseWeights) });
}

/** Class 3: a compiled model whose saved Adam state has the wrong shapes. */
export async function badOptimizerStateKeras(): Promise<Uint8Array> {
  const config = {
    ...denseConfig(),
    compile_config: { optimizer: { module: 'keras.optimizers', class_name: 'Adam', config: { name: 'adam', learning_rate: 0.001 }, registered_name: null }, loss: 'mse', metrics: null },
  };
  const weights = await buildHdf5((file) => {
    denseWeights(file);
    const vars = groupAt(file, 'optimizer/vars');
    vars.create_attribute('name', 'adam', null, 'A');
    // iterations, learning rate, then m and v of kernel and bias: Adam's 6 variables, with wrong shapes for the slots.
    vars.create_dataset({ name: '0', data: BigInt64Array.of(3n), shape: [], dtype: '<q' });
    vars.create_dataset({ name: '1', data: Float32Array.of(0.001), shape: [], dtype: '<f' });
    for (let index = 2; index < 6; index++) vars.create_dataset({ name: String(index), data: new Float32Array(5), shape: [5], dtype: '<f' });
  });
  return kerasZip({ config: JSON.stringify(config), weights });
}

/** Class 4: a layer class or a loss named after an inherited property of every JavaScript object. */
export async function inheritedNameKeras(name: string, where: 'layer' | 'loss'): Promise<Uint8Array> {
  const config =
    where === 'layer'
      ? denseConfig([{ module: 'keras.layers', class_name: name, config: { name: 'x' } }])
      : { ...denseConfig(), compile_config: { optimizer: 'sgd', loss: name, metrics: null } };
  return kerasZip({ config: JSON.stringify(config), weights: await buildHdf5(denseWeights) });
}

/** Class 7: a config holding the bare tokens Python's json writes for non-finite floats. */
export async function nonFiniteConfigKeras(): Promise<Uint8Array> {
  const config = JSON.stringify(denseConfig([{ module: 'keras.layers', class_name: 'ReLU', config: { name: 'relu', max_value: Number.POSITIVE_INFINITY, negative_slope: 0, threshold: 0 } }]));
  // JSON.stringify writes Infinity as null; put the token Keras writes in its place.
  return kerasZip({ config: config.replace('"max_value":null', '"max_value": Infinity'), weights: await buildHdf5(denseWeights) });
}

/**
 * Class 10: a zip whose first member's data starts at byte 512 and is a
 * legacy `.h5` model: HDF5 finds its superblock there (after a "user block"),
 * so the file is a complete zip and a complete HDF5 file at once. The zip
 * holds a `.keras` of a different model (with a ReLU).
 */
export async function polyglot(): Promise<Uint8Array> {
  const legacy = await buildHdf5((file) => {
    file.create_attribute('model_config', JSON.stringify(denseConfig()), null, 'A');
    const weights = groupAt(file, 'model_weights');
    weights.create_attribute('layer_names', ['dense'], [1], 'A');
    const layer = groupAt(weights, 'dense');
    layer.create_attribute('weight_names', ['dense/kernel:0', 'dense/bias:0'], [2], 'A');
    const inner = groupAt(layer, 'dense');
    inner.create_dataset({ name: 'kernel:0', data: Float32Array.from({ length: 12 }, (_, index) => index / 10), shape: [4, 3], dtype: '<f' });
    inner.create_dataset({ name: 'bias:0', data: Float32Array.of(1, 1, 1), shape: [3], dtype: '<f' });
  });
  // A local header is 30 bytes plus the name: a 482-character name puts the data at 512.
  const carrier = `assets/${'x'.repeat(482 - 'assets/'.length)}`;
  const relu = denseConfig([{ module: 'keras.layers', class_name: 'ReLU', config: { name: 'relu' } }]);
  return zipSync({
    [carrier]: [legacy, { level: 0 }],
    'config.json': [encoder.encode(JSON.stringify(relu)), { level: 0 }],
    'model.weights.h5': [await buildHdf5(denseWeights), { level: 0 }],
  });
}
