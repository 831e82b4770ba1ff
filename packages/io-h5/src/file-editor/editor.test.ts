// KerasFileEditor on files written by Keras 3.15.1 (fixtures/file-editor, from scripts/file_editor_fixture.py):
// what Keras's editor printed for mlp.keras, the edits, and the edited file that Keras then loaded (keras-check.json).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { Dense, Input, clearSession } from '@strata/layers';
import { Sequential } from '@strata/models';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWeights } from '../models/load';
import { KerasFileError, type WeightArray } from '../types';
import { KerasFileEditor } from './editor';
import type { WeightsTree } from './weights-tree';

const fixtures = new URL('../../fixtures/file-editor/', import.meta.url);
const fixture = (name: string) => new URL(name, fixtures).pathname;
const keras = JSON.parse(readFileSync(fixture('keras.json'), 'utf8')) as {
  printed: string[];
  weights: Record<string, unknown>;
  weights_values: number[][] | number[][][];
};
const folder = mkdtempSync(join(tmpdir(), 'strata-file-editor-'));

function shapes(tree: WeightsTree): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).map(([k, v]) => [k, Array.isArray((v as WeightArray).shape) && ArrayBuffer.isView((v as WeightArray).data) ? (v as WeightArray).shape : shapes(v as WeightsTree)]));
}

/** The edit the fixture records: layers/dense_1 replaced by a Dense(5)'s kernel and bias, dense renamed away and back. */
async function editedEditor(printed: string[] = []): Promise<KerasFileEditor> {
  const editor = await KerasFileEditor.open(fixture('mlp.keras'), { bytes: readFileSync(fixture('mlp.keras')), printFn: (l) => printed.push(l) });
  editor.renameObject('dense', 'dense_keep');
  editor.renameObject('layers/dense_keep', 'dense');
  editor.deleteObject('dense_1');
  const kernel = tf.tidy(() => tf.reshape(tf.div(tf.range(0, 15), 10), [3, 5]));
  const bias = tf.tensor1d([0.5, -0.5, 0.25, 0, 1]);
  editor.addObject('layers/dense_1', { '0': kernel });
  editor.addWeights('layers/dense_1', { '1': bias });
  tf.dispose([kernel, bias]);
  return editor;
}

beforeAll(async () => {
  await useBackend('cpu');
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('KerasFileEditor (keras.saving.KerasFileEditor)', () => {
  it("opens a Keras-written .keras file and reports it line for line as Keras's editor does", async () => {
    const printed: string[] = [];
    const editor = await KerasFileEditor.open('mlp.keras', { bytes: readFileSync(fixture('mlp.keras')), printFn: (l) => printed.push(l) });
    editor.summary();
    // Keras's second line carries the save date, which is the fixture's own.
    expect(printed).toEqual(keras.printed);
    expect(shapes(editor.weightsDict)).toEqual(keras.weights);
    expect(editor.metadata?.keras_version).toBe('3.15.1');
    expect((editor.config as { class_name: string }).class_name).toBe('Sequential');
    const kernel = (editor.weightsDict.layers as WeightsTree).dense as WeightsTree;
    expectAllClose(Array.from((kernel['0'] as WeightArray).data as Float32Array), (keras.weights_values[0] as number[][]).flat(), { rtol: 0, atol: 0 });
  });

  it('opens the same weights from a .weights.h5 file', async () => {
    const editor = await KerasFileEditor.open(fixture('mlp.weights.h5'), { printFn: () => {} });
    expect(shapes(editor.weightsDict)).toEqual(keras.weights);
    expect(editor.metadata).toBeNull();
  });

  it('edits objects and weights, and saves a .weights.h5 file that reads back the same', async () => {
    const printed: string[] = [];
    const editor = await editedEditor(printed);
    expect(editor.summary().split('\n')).toEqual([
      'Weights structure',
      '  > layers',
      '      ├─ dense',
      '      │   ├─ 0: shape=(4, 3), dtype=float32',
      '      │   └─ 1: shape=(3,), dtype=float32',
      '      └─ dense_1',
      '          ├─ 0: shape=(3, 5), dtype=float32',
      '          └─ 1: shape=(5,), dtype=float32',
    ]);
    const path = join(folder, 'edited.weights.h5');
    const bytes = await editor.save(path);
    if (process.env.STRATA_WRITE_EDITOR_FIXTURE === '1') writeFileSync(fixture('edited.weights.h5'), bytes);
    const reopened = await KerasFileEditor.open(path, { printFn: () => {} });
    expect(shapes(reopened.weightsDict)).toEqual({ layers: { dense: { 0: [4, 3], 1: [3] }, dense_1: { 0: [3, 5], 1: [5] } } });
    const bias = ((reopened.weightsDict.layers as WeightsTree).dense_1 as WeightsTree)['1'] as WeightArray;
    expect(Array.from(bias.data as Float32Array)).toEqual([0.5, -0.5, 0.25, 0, 1]);
  });

  it('the edited file loads into the changed model with the numbers Keras computed from it', async () => {
    const check = fixture('keras-check.json');
    expect(existsSync(check), 'keras-check.json records that Keras loaded the edited file').toBe(true);
    const record = JSON.parse(readFileSync(check, 'utf8')) as { x: number[][]; predictions: number[][]; compare: { status: string } };
    expect(record.compare.status).toBe('success');
    clearSession();
    const model = new Sequential([Input({ shape: [4] }), new Dense(3, { name: 'dense' }), new Dense(5, { name: 'dense_1' })]);
    const editor = await editedEditor();
    await loadWeights(model, await editor.toBytes());
    const x = tf.tensor2d(record.x);
    const y = model.predictOnBatch(x) as tf.Tensor;
    expectAllClose(y, tf.tensor2d(record.predictions), { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([x, y]);
    model.dispose();
  });

  it("refuses what Keras's editor refuses, in its words", async () => {
    const editor = await KerasFileEditor.open(fixture('mlp.weights.h5'), { printFn: () => {} });
    expect(() => editor.deleteObject('0')).toThrow("Name '0' occurs more than once in the model; try passing a complete path");
    expect(() => editor.deleteObject('dense_9')).toThrow("Source name 'dense_9' does not appear in the model.");
    expect(() => editor.deleteObject('layers/dense_9')).toThrow("Path 'layers/dense_9' not found in model.");
    expect(() => editor.renameObject('dense', 'layers/other')).toThrow(
      "Argument `target_name` should be a leaf name, not a full path name. Received: target_name='layers/other'",
    );
    expect(() => editor.deleteWeight('layers/dense', '7')).toThrow('Weight 7 not found in object layers/dense. Weights found: ["0","1"]');
    expect(() => editor.addObject('nowhere/dense', {})).toThrow("Path 'nowhere' not found in model.");
    await expect(editor.save(join(folder, 'x.keras'))).rejects.toThrow(KerasFileError);
    await expect(KerasFileEditor.open('model.h5')).rejects.toThrow('Invalid filename: expected a `.keras` `.weights.h5` extension. Received: filepath=model.h5');
  });
});
