// Every keras.applications family, from Keras 3.15.1's own config: the committed fixture holds the config
// and Keras's prediction with the formula weights (formula.ts, computed identically by Keras), so no weights
// are committed. Written by scripts/applications/make_applications.py --fixtures. The model is rebuilt by the
// same deserializer that loads .keras and .h5 files. Two test files (shards 0 and 1) share the fixtures so
// that vitest runs them side by side.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { useBackend } from '@strata/backend';
import { builtInLayers } from '@strata/layers';
import { modelFromConfig } from '@strata/models';
import { builtInOps } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignFormulaWeights, formulaInput, relativeError } from './formula';

interface Fixture {
  name: string;
  include_top: boolean;
  input_shape: number[];
  input_pixels: boolean;
  output_shape: number[];
  prediction: number[];
  config: Record<string, unknown>;
}

const fixturesDir = join(import.meta.dirname, '..', '..', 'fixtures', 'applications');
const allFixtures = readdirSync(fixturesDir).filter((file) => file.endsWith('.json.gz')).sort();

function readFixture(file: string): Fixture {
  return JSON.parse(gunzipSync(readFileSync(join(fixturesDir, file))).toString('utf8')) as Fixture;
}

/** The fixtures' test cases, every other one from `shard` on (shard 0 also checks the set is complete). */
export function describeFixtures(shard: 0 | 1): void {
  const fixtures = allFixtures.filter((_, index) => index % 2 === shard);
  beforeAll(async () => {
    await useBackend('cpu');
  });

  describe(`keras.applications configs predict what Keras predicts (shard ${shard})`, () => {
    if (shard === 0) {
      it('covers every family, with and without the classifier head', () => {
        expect(allFixtures.length).toBeGreaterThanOrEqual(28);
      });
    }

    for (const file of fixtures) {
      it(file.replace('.json.gz', ''), async () => {
        const fixture = readFixture(file);
        const before = tf.memory().numTensors;
        const model = modelFromConfig(fixture.config, { layers: builtInLayers(), ops: builtInOps() });
        const input = formulaInput(fixture.input_shape, fixture.input_pixels);
        try {
          assignFormulaWeights(model);
          const output = (await model.predict(input, { batchSize: fixture.input_shape[0] })) as tf.Tensor;
          expect(output.shape).toEqual(fixture.output_shape);
          const actual = await output.data();
          output.dispose();
          expect(relativeError(actual, fixture.prediction)).toBeLessThan(1e-4);
        } finally {
          input.dispose();
          model.dispose();
        }
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  });
}
