// A model compiled with Keras's LossScaleOptimizer, both ways: Keras 3.15.1's .keras file (written by
// packages/optimizers/scripts/golden_loss_scale.py after two epochs) loads with its optimizer state and goes on
// training; a file Strata writes has the same optimizer groups as Keras's (optimizer/vars and
// optimizer/inner_optimizer/vars).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { clearSession } from '@strata/layers';
import { Adam, LossScaleOptimizer } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKerasArchive } from '../keras-archive';
import { loadModel } from './load';
import { saveModel } from './save';

const kerasFile = new URL('../../../optimizers/golden/loss-scale-fit.keras', import.meta.url);
const golden = JSON.parse(readFileSync(new URL('../../../optimizers/golden/loss-scale.json', import.meta.url), 'utf8')) as {
  fit: { x: number[]; y: number[]; kernel: number[]; saved_optimizer_variables: Array<{ name: string; value: number[] }> };
};

let folder: string;
beforeAll(async () => {
  await useBackend('cpu');
  folder = mkdtempSync(join(tmpdir(), 'strata-lso-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('LossScaleOptimizer in .keras files', () => {
  it("loads Keras's file with the wrapper, its inner Adam and their state, and saves the same groups back", async () => {
    clearSession();
    const model = await loadModel(fileURLToPath(kerasFile));
    const optimizer = model.compiled?.optimizer as LossScaleOptimizer;
    expect(optimizer).toBeInstanceOf(LossScaleOptimizer);
    expect(optimizer.innerOptimizer).toBeInstanceOf(Adam);
    expect([optimizer.initialScale, optimizer.dynamicGrowthSteps]).toEqual([4, 3]);
    const saved = golden.fit.saved_optimizer_variables.filter((v) => v.name.startsWith('optimizer/vars/'));
    optimizer.variables().forEach((variable, i) => expectAllClose(variable.tensor, saved[i].value, { rtol: 0, atol: 0 }));
    expect(optimizer.lossScale).toBe(16);
    expect(optimizer.iterations).toBe(8);
    const [kernel] = model.getWeights();
    expectAllClose(kernel, golden.fit.kernel, { rtol: 0, atol: 0 });
    tf.dispose(kernel);

    const file = join(folder, 'strata.keras');
    await saveModel(model, file);
    const archive = await readKerasArchive(new Uint8Array(readFileSync(file)));
    const names = [...archive.weights.keys()].filter((name) => name.startsWith('optimizer'));
    expect(names.sort()).toEqual(golden.fit.saved_optimizer_variables.map((v) => v.name).sort());
    for (const { name, value } of golden.fit.saved_optimizer_variables) {
      const written = archive.weights.get(name);
      expect(Array.from((written?.data ?? []) as ArrayLike<number>), name).toEqual(value.map((v) => Math.fround(v)));
    }

    // Training goes on from the loaded state: one more step moves the step counter and keeps the scale.
    const x = tf.tensor2d(golden.fit.x, [8, 3]);
    const y = tf.tensor2d(golden.fit.y, [8, 2]);
    await model.fit(x, y, { batchSize: 8, epochs: 1, verbose: 0 });
    expect(optimizer.iterations).toBe(9);
    expect(optimizer.lossScale).toBe(32); // step_counter was 2 of 3: this finite step doubles the scale
    tf.dispose([x, y]);
    model.dispose();
  });

  it('keeps the inner learning rate of a wrapper saved before its first step', async () => {
    clearSession();
    const model = await loadModel(fileURLToPath(kerasFile));
    const fresh = new LossScaleOptimizer(new Adam({ learningRate: 0.02 }), { initialScale: 8 });
    model.compile({ optimizer: fresh, loss: 'mse' });
    const file = join(folder, 'unbuilt.keras');
    await saveModel(model, file);
    model.dispose();
    const loaded = await loadModel(file);
    const optimizer = loaded.compiled?.optimizer as LossScaleOptimizer;
    expect(optimizer.isBuilt).toBe(false);
    expect(optimizer.learningRate).toBeCloseTo(0.02, 7);
    expect(optimizer.initialScale).toBe(8);
    loaded.dispose();
    fresh.dispose();
  });
});
