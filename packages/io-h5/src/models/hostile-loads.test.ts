import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assetBombKeras,
  badOptimizerStateKeras,
  configBombKeras,
  configBombWeightsKeras,
  denseConfig,
  denseWeights,
  failsHalfwayKeras,
  goodKeras,
  hardLinkedKeras,
  inheritedNameKeras,
  nonFiniteConfigKeras,
  polyglot,
  repeatedWeightNamesH5,
  unusedGroupKeras,
  unwrittenChunksKeras,
} from '../hostile-loads';
import { buildHdf5, kerasZip } from '../hostile-files';
import { KerasFileBudgetError, KerasFileError, KerasFileExternalError } from '../types';
import { loadModel } from './load';
import { collectWarnings, compileLeak, disposeLoaded, tensorCount } from '../test-support/loaded-models';

/**
 * The loader under hostile input, one defect class of issue 18 at a time:
 * every refusal is a KerasFileError naming the problem, leaves no tensor
 * behind, and the next good file loads with its numbers. The memory a refusal
 * takes is measured in a child process: hostile-loads.process.test.ts.
 */
type Json = Record<string, unknown>;

const fixtures = join(import.meta.dirname, '..', 'test-support', 'fixtures');
const directory = mkdtempSync(join(tmpdir(), 'strata-hostile-loads-'));
let leakPerCompile = 0;

beforeAll(async () => {
  await useBackend('cpu');
  leakPerCompile = compileLeak();
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function expectGoodLoads(): Promise<void> {
  clearSession();
  const model = await loadModel(await goodKeras(), { warn: () => {} });
  const output = (await model.predict(tf.ones([1, 4]))) as tf.Tensor;
  expect(Array.from(output.dataSync()).map((value) => Number(value.toFixed(5)))).toEqual([2.8, 3.2, 3.6]);
  tf.dispose(output);
  disposeLoaded(model);
}

/** Loads `source`, expects a refusal of `errorClass` matching `expected`, no tensors left, and a good file after. */
async function expectRefused(source: string | Uint8Array | (() => Promise<Uint8Array> | Uint8Array), expected: RegExp, errorClass: typeof KerasFileError = KerasFileError, allowedLeak = 0): Promise<void> {
  const input = typeof source === 'function' ? await source() : source;
  clearSession();
  const before = tensorCount();
  const error = await loadModel(input, { warn: () => {} }).then(
    (model: Model) => {
      disposeLoaded(model);
      return null;
    },
    (caught: unknown) => caught,
  );
  expect(error, 'the file was loaded').toBeInstanceOf(errorClass);
  expect((error as Error).message).toMatch(expected);
  expect(tensorCount() - before).toBeLessThanOrEqual(allowedLeak);
  await expectGoodLoads();
}

describe('loadModel refuses hostile files with a typed error, leaves nothing behind, and loads the next good file', () => {
  it('class 1: a compressed dataset whose chunks were never written (1.6 GB from a few KB)', async () => {
    const bytes = await unwrittenChunksKeras();
    expect(bytes.length).toBeLessThan(20_000);
    await expectRefused(bytes, /dataset \/layers\/dense\/vars\/2 declares 1600000000 bytes of compressed data .* more than a \d+-byte file can back/, KerasFileBudgetError);
  });

  it('class 1: one dataset named 1,500 times through hard links', async () => {
    await expectRefused(hardLinkedKeras, /dataset \/layers\/dense\/vars\/\d+ declares 65536 bytes \(\d+ with the datasets read before it, so the file names some data more than once\), more than a \d+-byte file can hold/, KerasFileBudgetError);
  });

  it('class 1: a group no layer owns is never read: loadModel loads the model and names the group; readKerasFile, which reads all, refuses it', async () => {
    const bytes = await unusedGroupKeras();
    clearSession();
    const { warn, messages } = collectWarnings();
    const model = await loadModel(bytes, { warn });
    expect(messages.join('\n')).toMatch(/the model has no layer for the saved variables at "layers\/ghost"; they were not loaded/);
    const output = (await model.predict(tf.ones([1, 4]))) as tf.Tensor;
    expect(Array.from(output.dataSync()).map((value) => Number(value.toFixed(5)))).toEqual([2.8, 3.2, 3.6]);
    tf.dispose(output);
    disposeLoaded(model);
    const { readKerasFile } = await import('../read-any');
    await expect(readKerasFile(bytes)).rejects.toThrow(/dataset \/layers\/ghost\/vars\/0 declares 1600000000 bytes of compressed data/);
  });

  it('class 1: a config asking for 1.2 GB of weights in a small file is refused before the weight is allocated', async () => {
    await expectRefused(
      configBombWeightsKeras,
      /its model config asks for a weight sequential\/huge\/kernel of 1200000000 bytes, more than the file can back: it holds \d+ bytes of weight data/,
      KerasFileBudgetError,
    );
  });

  it('class 1: a legacy file listing one weight 1,500 times', async () => {
    await expectRefused(repeatedWeightNamesH5, /lists weight "dense\/kernel:0" more than once in weight_names/);
  });

  it('class 2: a config.json bomb is refused from its declared size, before inflating', async () => {
    await expectRefused(configBombKeras, /member "config\.json" declares 67108864 bytes but stores only \d+ bytes/, KerasFileBudgetError);
  });

  it('class 2: an unused 64 MiB asset deflated 1000:1 is refused, as Keras refuses it', async () => {
    await expectRefused(assetBombKeras, /member "assets\/vocabulary\.txt" declares 67108864 bytes but stores only \d+ bytes.*decompression bomb/, KerasFileBudgetError);
  });

  it('class 3 and 5: a config that fails after a 12 MB layer is built frees it, with a KerasFileError naming the problem', async () => {
    await expectRefused(failsHalfwayKeras, /^Cannot load the Keras file: .*1000000.*\[7, ?11\]|^Cannot load the Keras file: .*7.*11/);
  });

  it('class 3: a bad optimizer state frees the optimizer and the model', async () => {
    await expectRefused(badOptimizerStateKeras, /Optimizer variable adam\/\S+ has shape \(4, 3\), but the saved value 2 has shape \(5,\)/, KerasFileError, leakPerCompile);
  });

  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`class 4: "${name}" is an unknown layer class, and an unknown loss`, async () => {
      await expectRefused(() => inheritedNameKeras(name, 'layer'), new RegExp(`uses layer classes that Strata does not have: ${name}`));
      clearSession();
      const { warn, messages } = collectWarnings();
      const model = await loadModel(await inheritedNameKeras(name, 'loss'), { warn });
      expect(model.compiled ?? null).toBeNull();
      expect(messages.join('\n')).toMatch(new RegExp(`unknown loss "${name}"`));
      disposeLoaded(model);
    });
  }

  it('class 5: bad values anywhere in a config end in a KerasFileError, never a plain Error, TypeError or RangeError', async () => {
    const weights = await buildHdf5(denseWeights);
    const bad: unknown[] = [null, -1, 0.5, 'x', [], {}, [1, 2], Number.NaN, true, { class_name: 'Nope' }, '__proto__'];
    const edits: Array<(config: Json, value: unknown) => void> = [
      (config, value) => (((config.config as Json).layers as Json[])[1].config as Json).units = value,
      (config, value) => (((config.config as Json).layers as Json[])[1].config as Json).activation = value,
      (config, value) => (((config.config as Json).layers as Json[])[1].config as Json).kernel_initializer = value,
      (config, value) => (((config.config as Json).layers as Json[])[1].config as Json).use_bias = value,
      (config, value) => (((config.config as Json).layers as Json[])[0].config as Json).batch_shape = value,
      (config, value) => (((config.config as Json).layers as Json[])[1].config = value),
      (config, value) => (((config.config as Json).layers as Json[])[1] = value as Json),
      (config, value) => ((config.config as Json).layers = value),
      (config, value) => (config.config = value),
      (config, value) => (config.class_name = value),
      (config, value) => (config.compile_config = { optimizer: value, loss: value, metrics: value }),
    ];
    let loaded = 0;
    let refused = 0;
    for (const [editIndex, edit] of edits.entries()) {
      for (const value of bad) {
        const config = denseConfig();
        edit(config, value);
        const bytes = kerasZip({ config: JSON.stringify(config), weights });
        clearSession();
        const before = tensorCount();
        try {
          disposeLoaded(await loadModel(bytes, { warn: () => {} }));
          loaded++;
        } catch (error) {
          refused++;
          expect(error, `edit ${editIndex} with ${JSON.stringify(value)}: ${(error as Error).message}`).toBeInstanceOf(KerasFileError);
          expect((error as Error).message.length).toBeGreaterThan(20);
        }
        expect(tensorCount() - before, `edit ${editIndex} with ${JSON.stringify(value)}`).toBeLessThanOrEqual(leakPerCompile);
      }
    }
    expect(refused).toBeGreaterThan(edits.length * 3);
    expect(loaded + refused).toBe(edits.length * bad.length);
  });

  it('class 5: an 8,000-layer functional chain loads without overflowing the stack', async () => {
    const layers: Json[] = [{ class_name: 'InputLayer', name: 'in', config: { batch_shape: [null, 4], name: 'in' }, inbound_nodes: [] }];
    for (let index = 0; index < 8000; index++) {
      layers.push({ class_name: 'Activation', name: `a${index}`, config: { name: `a${index}`, activation: 'relu' }, inbound_nodes: [[[index === 0 ? 'in' : `a${index - 1}`, 0, 0, {}]]] });
    }
    const config = { class_name: 'Functional', config: { name: 'chain', layers, input_layers: [['in', 0, 0]], output_layers: [['a7999', 0, 0]] } };
    clearSession();
    const model = await loadModel(kerasZip({ config: JSON.stringify(config), weights: await buildHdf5(() => {}) }), { warn: () => {} });
    expect(model.layers.length).toBe(8001);
    disposeLoaded(model);
  });

  it('class 7: a config with a bare Infinity token loads, and Strata reloads its own save of it', async () => {
    clearSession();
    const model = await loadModel(await nonFiniteConfigKeras(), { warn: () => {} });
    expect((model.layers[1].getConfig() as { max_value: number }).max_value).toBe(Number.POSITIVE_INFINITY);
    const path = join(directory, 'infinity.keras');
    const { saveModel } = await import('./save');
    await saveModel(model, path);
    expect(new TextDecoder().decode(readFileSync(path))).toContain('"max_value": Infinity');
    const again = await loadModel(path, { warn: () => {} });
    expect((again.layers[1].getConfig() as { max_value: number }).max_value).toBe(Number.POSITIVE_INFINITY);
    disposeLoaded(model);
    disposeLoaded(again);
  });

  it('class 8: external raw storage (pointing at /dev/null) is refused by name', async () => {
    const { readWeightsH5 } = await import('../weights-store');
    const error = await readWeightsH5(readFileSync(join(fixtures, 'external-storage.weights.h5'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileExternalError);
    expect((error as Error).message).toMatch(/dataset \/layers\/dense\/vars\/0: the data is kept outside the file, in external raw storage \(an external file list\)/);
  });

  it('class 8: a virtual dataset is refused by name', async () => {
    const { readWeightsH5 } = await import('../weights-store');
    const error = await readWeightsH5(readFileSync(join(fixtures, 'virtual-dataset.weights.h5'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileExternalError);
    expect((error as Error).message).toMatch(/dataset \/layers\/dense\/vars\/0 is a virtual dataset \(reading \["other\.h5:x"\]\)/);
  });

  it('class 9: /dev/zero, a FIFO and a directory are refused at once, before any read', async () => {
    await expectRefused('/dev/zero', /Refusing to read "\/dev\/zero": it is a character device; a Keras file must be a regular file/);
    const fifo = join(directory, 'pipe.keras');
    execFileSync('mkfifo', [fifo]);
    await expectRefused(fifo, /it is a FIFO \(named pipe\)/);
    await expectRefused(directory, /it is a directory/);
  });

  it('class 9: a file larger than maxFileBytes is refused before it is read', async () => {
    const path = join(directory, 'good.keras');
    writeFileSync(path, await goodKeras());
    const error = await loadModel(path, { limits: { maxFileBytes: 100 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileError);
    expect((error as Error).message).toMatch(/it has \d+ bytes, more than the limit of 100 bytes \(maxFileBytes\)/);
  });

  it('class 10: a zip/HDF5 polyglot is refused from bytes, and read as Keras reads it from a path', async () => {
    const bytes = await polyglot();
    await expectRefused(bytes, /both a zip archive and an HDF5 file \(HDF5 signature at byte 512\).*load it from a path ending in \.keras or \.h5/);
    clearSession();
    writeFileSync(join(directory, 'polyglot.h5'), bytes);
    writeFileSync(join(directory, 'polyglot.keras'), bytes);
    const asH5 = await loadModel(join(directory, 'polyglot.h5'), { warn: () => {} });
    const asKeras = await loadModel(join(directory, 'polyglot.keras'), { warn: () => {} });
    expect(asH5.layers.map((layer) => layer.className)).toEqual(['Dense']);
    const fromBytes = await loadModel(bytes, { container: 'hdf5', warn: () => {} });
    expect(fromBytes.layers.map((layer) => layer.className)).toEqual(['Dense']);
    disposeLoaded(fromBytes);
    expect(asKeras.layers.map((layer) => layer.className)).toEqual(['Dense', 'ReLU']);
    disposeLoaded(asH5);
    disposeLoaded(asKeras);
  });
});
