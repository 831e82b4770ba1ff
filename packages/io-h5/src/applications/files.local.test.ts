// Hand-run parity check on real Keras files, skipped unless STRATA_APPLICATIONS_DIR names the folder
// that scripts/applications/make_applications.py wrote (big files that are never committed):
//   STRATA_APPLICATIONS_DIR=... [STRATA_APPLICATIONS=MobileNet_top,...] npx vitest run src/applications/files.local.test.ts
// For each variant it loads the .keras and .h5, compares predictions, rebuilds from the config with the
// formula weights, runs one fit step, saves Strata's .keras and .h5 beside them for check_strata_files.py,
// and writes <variant>.strata.json with the numbers. Without the .keras and .h5 (--no-files) it runs the
// config check alone.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { parseNpy } from '@strata/datasets';
import { builtInLayers } from '@strata/layers';
import { type Model, modelFromConfig } from '@strata/models';
import { builtInOps } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from '../models/load';
import { saveModel } from '../models/save';
import { assignFormulaWeights, formulaInput, relativeError } from './formula';

const dir = process.env.STRATA_APPLICATIONS_DIR ?? '';
const only = (process.env.STRATA_APPLICATIONS ?? '').split(',').filter(Boolean);
const variants = dir && existsSync(dir)
  ? readdirSync(dir).filter((file) => file.endsWith('.meta.json')).map((file) => file.replace(/\.meta\.json$/, '')).filter((id) => only.length === 0 || only.includes(id))
  : [];

interface Result {
  variant: string;
  keras?: number;
  h5?: number;
  config?: number;
  fit?: boolean;
  fitLoss?: number;
  savedKeras?: boolean;
  savedH5?: boolean;
  seconds?: number;
  errors: string[];
}

async function predictFlat(model: Model, input: tf.Tensor): Promise<Float32Array> {
  const output = (await model.predict(input, { batchSize: input.shape[0] })) as tf.Tensor;
  const values = (await output.data()) as Float32Array;
  output.dispose();
  return values;
}

async function attempt(result: Result, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    result.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 600));
  }
}

/** One SGD step on a target of zeros; true when some trainable weight moved and the loss is finite. */
async function fitStep(model: Model, input: tf.Tensor, result: Result): Promise<void> {
  model.compile({ optimizer: 'sgd', loss: 'mse' });
  const target = tf.zeros((model.outputs[0].shape as Array<number | null>).map((d) => d ?? input.shape[0]));
  const watched = model.trainableWeights.filter((w) => w.shape.length >= 2).slice(-1)[0] ?? model.trainableWeights[0];
  const before = watched.read().dataSync().slice();
  const history = await model.fit(input, target, { epochs: 1, batchSize: input.shape[0], verbose: 0 });
  const after = watched.read().dataSync();
  target.dispose();
  const loss = (history.history.loss as number[])[0];
  result.fitLoss = loss;
  result.fit = Number.isFinite(loss) && after.some((value, index) => value !== before[index]);
}

describe.skipIf(variants.length === 0)('keras.applications files written by real Keras', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  for (const variant of variants) {
    it(variant, async () => {
      const started = Date.now();
      const meta = JSON.parse(readFileSync(join(dir, `${variant}.meta.json`), 'utf8'));
      const expectedArray = parseNpy(new Uint8Array(readFileSync(join(dir, `${variant}.predict.npy`))), variant);
      const expected = expectedArray.data as Float32Array;
      const input = formulaInput(meta.input_shape, meta.input_pixels);
      const result: Result = { variant, errors: [] };
      const tensorsBefore = tf.memory().numTensors;
      await attempt(result, 'config + formula weights', async () => {
        const config = JSON.parse(readFileSync(join(dir, `${variant}.config.json`), 'utf8'));
        const model = modelFromConfig(config, { layers: builtInLayers(), ops: builtInOps() });
        try {
          assignFormulaWeights(model);
          result.config = relativeError(await predictFlat(model, input), expected);
        } finally {
          model.dispose();
        }
      });
      // A quick run (make_applications.py --no-files) has no files: the config check alone.
      const formats = existsSync(join(dir, `${variant}.keras`)) ? (['keras', 'h5'] as const) : [];
      for (const format of formats) {
        await attempt(result, `load .${format}`, async () => {
          const model = await loadModel(join(dir, `${variant}.${format}`), { compile: false });
          try {
            result[format] = relativeError(await predictFlat(model, input), expected);
            if (format === 'keras') {
              await attempt(result, 'save .keras', async () => {
                await saveModel(model, join(dir, `${variant}.strata.keras`));
                result.savedKeras = true;
              });
              await attempt(result, 'save .h5', async () => {
                await saveModel(model, join(dir, `${variant}.strata.h5`));
                result.savedH5 = true;
              });
              await attempt(result, 'fit step', () => fitStep(model, input, result));
            }
          } finally {
            const optimizer = model.compiled?.optimizer;
            model.dispose();
            optimizer?.dispose();
          }
        });
      }
      input.dispose();
      result.seconds = Math.round((Date.now() - started) / 100) / 10;
      writeFileSync(join(dir, `${variant}.strata.json`), JSON.stringify(result, null, 1));
      console.log(JSON.stringify(result));
      expect(result.errors).toEqual([]);
      expect(tf.memory().numTensors).toBeLessThanOrEqual(tensorsBefore + 2);
    }, 3_600_000); // the largest models take many minutes on a busy CPU
  }
});
