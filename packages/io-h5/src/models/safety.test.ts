import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { type CallOptions, Dense, Flatten, Layer, type Shape, type Tensors, clearSession, layerArgsFromConfig } from '@strata/layers';
import { Model, Sequential } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive, writeKerasArchive } from '../keras-archive';
import { goldenAvailable, readGoldenBytes } from '../test-support/golden-files';
import { KerasFileError } from '../types';
import { loadModel } from './load';
import { saveModel, serializeModel } from './save';
import { useKerasFiles } from './saver';
import { collectWarnings, compileLeak, disposeLoaded, tensorCount } from '../test-support/loaded-models';

let leakPerCompile = 0;

beforeAll(async () => {
  await useBackend('cpu');
  leakPerCompile = compileLeak();
});

type Json = Record<string, unknown>;

/** A user layer: y = x * scale, with one trainable weight. */
class Scale extends Layer {
  static override className = 'Scale';
  private scale: ReturnType<Layer['addWeight']> | null = null;

  override build(): void {
    this.scale = this.addWeight('scale', { shape: [1], initializer: 'ones' });
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return tf.mul(inputs as tf.Tensor, (this.scale as NonNullable<typeof this.scale>).read());
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  static fromConfig(config: Json): Scale {
    return new Scale(layerArgsFromConfig(config));
  }
}

function scaledModel(): Sequential {
  clearSession();
  const model = new Sequential([new Dense(3, { inputShape: [4] }), new Scale()]);
  model.layers[1].setWeights([tf.tensor1d([2.5])]);
  return model;
}

/** A golden archive with its config changed by `edit`. */
async function editedArchive(name: string, edit: (config: Json) => void): Promise<Uint8Array> {
  const archive = await readKerasArchive(readGoldenBytes(name, 'model.keras'));
  const config = structuredClone(archive.config) as Json;
  edit(config);
  return writeKerasArchive({ ...archive, config });
}

const layersOf = (config: Json) => (config.config as Json).layers as Json[];

describe('registry, safety and atomic saves', () => {
  it('a custom layer needs customObjects: without it the error names the class; with it the model round-trips', async () => {
    const model = scaledModel();
    const bytes = await serializeModel(model, 'keras');
    const before = tensorCount();
    await expect(loadModel(bytes)).rejects.toThrow(/layer classes that Strata does not have: Scale\. .*customObjects: \{ "Scale": YourLayer \}/);
    expect(tensorCount()).toBe(before);
    // A Blob, as a browser's <input type="file"> gives.
    const loaded = await loadModel(new Blob([bytes as Uint8Array<ArrayBuffer>]), { customObjects: { Scale } });
    const x = tf.randomNormal([2, 4]);
    const [ours, theirs] = [loaded.predictOnBatch(x) as tf.Tensor, model.predictOnBatch(x) as tf.Tensor];
    expectAllClose(ours, theirs, { rtol: 0, atol: 0 });
    tf.dispose([x, ours, theirs]);
    loaded.dispose();
    model.dispose();
  });

  it.skipIf(!goldenAvailable)('a Lambda layer is refused before anything is built (safe mode or not)', async () => {
    const bytes = await editedArchive('a_mlp_tutorial', (config) => {
      layersOf(config).splice(2, 0, { module: 'keras.layers', class_name: 'Lambda', config: { name: 'evil', function: { class_name: '__lambda__', config: { code: 'bWFyc2hhbA==' } } }, registered_name: null });
    });
    const before = tensorCount();
    await expect(loadModel(bytes)).rejects.toThrow(/Lambda "evil" hold Python code.*Keras refuses them too unless safe_mode=False/);
    await expect(loadModel(bytes, { safeMode: false })).rejects.toThrow(/Strata cannot rebuild Python code even with safeMode: false/);
    expect(tensorCount()).toBe(before);
  });

  it.skipIf(!goldenAvailable)('weights that do not fit the config are refused, naming the layer and both shapes, leaking nothing', async () => {
    const bytes = await editedArchive('a_mlp_tutorial', (config) => {
      (layersOf(config)[2].config as Json).units = 64;
    });
    clearSession();
    const before = tensorCount();
    const error = await loadModel(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KerasFileError);
    expect((error as Error).message).toMatch(/Shape mismatch in layer 'dense' for weight sequential\/dense\/kernel: the model's weight has shape \(784, 64\), the saved weight \(layers\/dense\/vars\/0 .*\) has shape \(784, 128\)/);
    expect(tensorCount()).toBe(before);
  });

  it.skipIf(!goldenAvailable)('an unknown loss leaves the model uncompiled with a warning; customObjects supplies it', async () => {
    const bytes = await editedArchive('a_mlp_tutorial', (config) => {
      (config.compile_config as Json).loss = 'my_loss';
    });
    const { warn, messages } = collectWarnings();
    const uncompiled = await loadModel(bytes, { warn });
    expect(uncompiled.compiled).toBeNull();
    expect(messages.join('\n')).toMatch(/loaded uncompiled.*unknown loss "my_loss"/);
    uncompiled.dispose();
    const myLoss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.mean(tf.square(tf.sub(yTrue, yPred)));
    const compiled = await loadModel(bytes, { warn, customObjects: { my_loss: myLoss } });
    expect(compiled.compiled?.compileConfig.loss).toBe('my_loss');
    disposeLoaded(compiled);
  });

  it('model.save needs useKerasFiles; then save, saveWeights and loadWeights work on disk, atomically', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'strata-io-h5-'));
    const model = scaledModel();
    // Without a saver plugged in, Model.save rejects with an error that says what to do.
    await expect(model.save(join(folder, 'm.keras'))).rejects.toThrow(/useKerasFiles/);
    useKerasFiles(model);
    model.compile({ optimizer: 'adam', loss: 'mse' });
    const before = tensorCount();
    await model.save(join(folder, 'm.keras'));
    await model.save(join(folder, 'm.h5'));
    await model.saveWeights(join(folder, 'm.weights.h5'));
    await model.saveWeights(join(folder, 'legacy.h5'));
    expect(tensorCount(), 'saving creates no lasting tensors').toBe(before);
    const values = (target: Model) => tf.tidy(() => target.getWeights().map((tensor) => Array.from(tensor.dataSync())));
    for (const file of ['m.keras', 'm.h5']) {
      const loaded = await loadModel(join(folder, file), { customObjects: { Scale } });
      expect(values(loaded)).toEqual(values(model));
      disposeLoaded(loaded);
    }
    expect(tensorCount(), 'loading and disposing leaves only what compile leaks').toBe(before + 2 * leakPerCompile);
    const other = useKerasFiles(scaledModel());
    for (const file of ['m.weights.h5', 'legacy.h5']) {
      tf.tidy(() => other.layers[1].setWeights([tf.tensor1d([0])]));
      await other.loadWeights(join(folder, file));
      expect(values(other)).toEqual(values(model));
    }

    // A save that fails leaves the existing file as it was, and no temporary file behind.
    const target = join(folder, 'keep.keras');
    writeFileSync(target, 'previous content');
    const subclassed = new Model({ name: 'subclassed' });
    await expect(saveModel(subclassed, target)).rejects.toThrow(/subclassed model has no config/);
    await expect(saveModel(model, target, { overwrite: false })).rejects.toThrow(/overwrite is false/);
    await expect(saveModel(model, join(folder, 'no-such-folder', 'm.keras'))).rejects.toThrow();
    expect(readFileSync(target, 'utf8')).toBe('previous content');
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await expect(saveModel(model, join(folder, 'm.txt'))).rejects.toThrow(/should end with \.keras .* or \.h5/);
    disposeLoaded(model);
    other.dispose();
  });

  it.skipIf(!goldenAvailable)('a .weights.h5 or Keras 2 weights file is not a model, and says what to do', async () => {
    await expect(loadModel(readGoldenBytes('a_mlp_tutorial', 'model.weights.h5'))).rejects.toThrow(/holds weights only .* loadWeights/);
  });

  it('serializing a Flatten-only model (no weights) works and round-trips', async () => {
    clearSession();
    const model = new Sequential([new Flatten({ inputShape: [2, 2] })]);
    const loaded = await loadModel(await serializeModel(model, 'keras'));
    expect(loaded.layers.map((layer) => layer.className)).toEqual(['Flatten']);
    loaded.dispose();
  });
});
