// Hand-run, layer-by-layer comparison with Keras, skipped unless STRATA_APPLICATIONS_DIR names the folder where
// scripts/applications/dump_layers.py wrote <variant>.layers.json, .layers.npy and .layers64.npy (and
// make_applications.py wrote <variant>.config.json):
//   STRATA_APPLICATIONS_DIR=... STRATA_APPLICATIONS=EfficientNetV2M_notop npx vitest run src/applications/layers.local.test.ts
// Strata rebuilds the model from Keras's config with the formula weights and predicts every layer's output. For
// each layer it writes to <variant>.layers.strata.json three relative errors (max |a - b| / max |b|):
// Strata against Keras float32, Strata against Keras float64, and Keras float32 against Keras float64.
// A Strata bug shows as a layer where Strata leaves Keras float32 while Keras float32 still agrees with float64;
// float32 rounding amplified by the network shows as Strata and Keras float32 drifting from float64 together.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBackend } from '@strata/backend';
import { parseNpy } from '@strata/datasets';
import { builtInLayers } from '@strata/layers';
import { Model, modelFromConfig } from '@strata/models';
import { builtInOps } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignFormulaWeights, formulaInput, relativeError } from './formula';

interface LayerEntry {
  name: string;
  class: string;
  shape: number[];
  offset: number;
  f32_vs_f64: number;
}

const dir = process.env.STRATA_APPLICATIONS_DIR ?? '';
const variants = (process.env.STRATA_APPLICATIONS ?? '').split(',').filter((id) => dir && existsSync(join(dir, `${id}.layers.json`)));

function readFloats(path: string, what: string): Float32Array {
  return parseNpy(new Uint8Array(readFileSync(path)), what).data as Float32Array;
}

describe.skipIf(variants.length === 0)('keras.applications layer by layer against Keras float32 and float64', () => {
  beforeAll(async () => {
    await useBackend('cpu');
  });

  for (const variant of variants) {
    it(variant, async () => {
      const entries = JSON.parse(readFileSync(join(dir, `${variant}.layers.json`), 'utf8')) as LayerEntry[];
      const keras32 = readFloats(join(dir, `${variant}.layers.npy`), `${variant} float32 layers`);
      const keras64 = readFloats(join(dir, `${variant}.layers64.npy`), `${variant} float64 layers`);
      const meta = JSON.parse(readFileSync(join(dir, `${variant}.meta.json`), 'utf8'));
      const config = JSON.parse(readFileSync(join(dir, `${variant}.config.json`), 'utf8'));
      const tensorsBefore = tf.memory().numTensors;
      const model = modelFromConfig(config, { layers: builtInLayers(), ops: builtInOps() });
      assignFormulaWeights(model);
      const outputs = entries.map((entry) => model.getLayer(entry.name).inboundNodes[0].outputs[0]);
      const probe = new Model({ inputs: model.inputs, outputs });
      const input = formulaInput(meta.input_shape, meta.input_pixels);
      const predicted = probe.predictOnBatch(input) as tf.Tensor[];
      const rows = [];
      for (const [index, entry] of entries.entries()) {
        const size = entry.shape.reduce((a, b) => a * b, 1);
        const strata = predicted[index].dataSync();
        const k32 = keras32.subarray(entry.offset, entry.offset + size);
        const k64 = keras64.subarray(entry.offset, entry.offset + size);
        rows.push({
          name: entry.name,
          class: entry.class,
          strataVsKeras32: relativeError(strata, k32),
          strataVsKeras64: relativeError(strata, k64),
          keras32VsKeras64: entry.f32_vs_f64,
        });
      }
      tf.dispose([input, ...predicted]);
      probe.dispose();
      model.dispose();
      writeFileSync(join(dir, `${variant}.layers.strata.json`), JSON.stringify(rows, null, 1));
      // The first layer where Strata leaves Keras float32 by more than the 1e-4 bar, and how far Keras's own
      // float32 is from float64 there.
      const first = rows.find((row) => row.strataVsKeras32 > 1e-4);
      console.log(JSON.stringify({ variant, layers: rows.length, firstAboveBar: first ?? null, last: rows[rows.length - 1] }));
      for (const row of rows) {
        // Strata is never much further from the float64 truth than Keras's own float32 is.
        expect(row.strataVsKeras64, row.name).toBeLessThanOrEqual(Math.max(1e-5, 10 * row.keras32VsKeras64));
      }
      expect(tf.memory().numTensors).toBeLessThanOrEqual(tensorsBefore);
    }, 3_600_000);
  }
});
