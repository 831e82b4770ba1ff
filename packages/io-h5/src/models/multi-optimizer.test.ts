// A model compiled with Keras's MultiOptimizer, both ways: Keras 3.15.1's .keras file (written by
// packages/optimizers/scripts/golden_multi_optimizer_file.py after two epochs) loads with the OptimizerMap and every
// optimizer's state, and a file Strata writes has the same optimizer datasets as Keras's (optimizer/vars, and each
// optimizer's own again under optimizer/optimizers/<name>/vars), with the same values.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { Adam, MultiOptimizer, type OptimizerMap, SGD } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { loadModel } from './load';
import { saveModel } from './save';

const kerasFile = new URL('../../../optimizers/golden/multi-optimizer-fit.keras', import.meta.url);
const golden = JSON.parse(readFileSync(new URL('../../../optimizers/golden/multi-optimizer-file.json', import.meta.url), 'utf8')) as {
  x: number[];
  y: number[];
  variable_paths: string[];
  saved_optimizer_variables: Array<{ name: string; value: number[] }>;
};

let folder: string;
beforeAll(async () => {
  await useBackend('cpu');
  folder = mkdtempSync(join(tmpdir(), 'strata-multi-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('MultiOptimizer in .keras files', () => {
  it("loads Keras's file with its OptimizerMap and state, and saves the same datasets back", async () => {
    clearSession();
    const model = await loadModel(fileURLToPath(kerasFile));
    const optimizer = model.compiled?.optimizer as MultiOptimizer;
    expect(optimizer).toBeInstanceOf(MultiOptimizer);
    const map = optimizer.optimizerMap as OptimizerMap;
    expect(map.get('sequential/second/kernel')).toBeInstanceOf(Adam);
    expect(map.get('sequential/first/kernel')).toBeInstanceOf(SGD);
    expect(optimizer.variables().map((v) => v.path)).toEqual(golden.variable_paths);
    const savedValue = (name: string) => golden.saved_optimizer_variables.find((v) => v.name === name)?.value ?? [];
    optimizer.variables().forEach((variable, i) => expectAllClose(variable.tensor, savedValue(`optimizer/vars/${i}`), { rtol: 0, atol: 0 }));
    expect(optimizer.iterations).toBe(4);

    const file = join(folder, 'strata.keras');
    await saveModel(model, file);
    const archive = await readKerasArchive(new Uint8Array(readFileSync(file)));
    const names = [...archive.weights.keys()].filter((name) => name.startsWith('optimizer'));
    expect(names.sort()).toEqual(golden.saved_optimizer_variables.map((v) => v.name).sort());
    for (const { name, value } of golden.saved_optimizer_variables) {
      const written = archive.weights.get(name);
      expect(Array.from((written?.data ?? []) as ArrayLike<number>), name).toEqual(value.map((v) => Math.fround(v)));
    }

    // Training goes on from the loaded state.
    const x = tf.tensor2d(golden.x, [8, 3]);
    const y = tf.tensor2d(golden.y, [8, 1]);
    await model.fit(x, y, { batchSize: 8, epochs: 1, verbose: 0 });
    expect([optimizer.iterations, ...optimizer.optimizers.map((inner) => inner.iterations)]).toEqual([5, 5, 5]);
    tf.dispose([x, y]);
    model.dispose();
  });
});
