import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Discretization, type DiscretizationArgs } from './discretization';

/** golden/discretization.json, written by real Keras 3.15.1 (scripts/golden_discretization.py). */
interface GoldenCase {
  args: { bin_boundaries?: number[]; num_bins?: number; epsilon?: number; output_mode: DiscretizationArgs['outputMode'] };
  adapt_batches?: number[][][];
  input: number[][];
  output: number[][] | number[][][];
  config: Record<string, unknown>;
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'discretization.json');
const { cases } = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: GoldenCase[] };

beforeAll(async () => {
  await useBackend('cpu');
});

describe('Discretization at Keras 3.15.1’s numbers', () => {
  for (const golden of cases) {
    const label = golden.adapt_batches
      ? `adapted: ${golden.args.num_bins} bins, epsilon ${golden.args.epsilon}, ${golden.adapt_batches.length} batch(es), ${golden.args.output_mode}`
      : `bin_boundaries [${golden.args.bin_boundaries}], ${golden.args.output_mode}`;
    it(`${label}: Keras's boundaries, output and config`, async () => {
      const before = tf.memory().numTensors;
      const layer = new Discretization({
        name: 'discretization',
        binBoundaries: golden.args.bin_boundaries ?? null,
        numBins: golden.args.num_bins ?? null,
        epsilon: golden.args.epsilon,
        outputMode: golden.args.output_mode,
      });
      if (golden.adapt_batches) {
        // A list of batches is a stream, as in Keras; each batch a tensor here.
        const batches = golden.adapt_batches.map((batch) => tf.tensor2d(batch));
        await layer.adapt(batches);
        tf.dispose(batches);
      }
      expect(layer.binBoundaries).toEqual(golden.config.bin_boundaries);
      const x = tf.tensor2d(golden.input);
      const y = layer.apply(x) as tf.Tensor;
      expect(y.dtype).toBe(golden.args.output_mode === 'int' ? 'int32' : 'float32');
      expect(y.arraySync()).toEqual(golden.output);
      expect(layer.computeOutputShape(x.shape)).toEqual(y.shape);
      const { name: _name, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      // Keras's config (with both num_bins and the learned boundaries) gives the same layer back.
      const restored = Discretization.fromConfig({ ...golden.config, name: 'restored' });
      const again = restored.apply(x) as tf.Tensor;
      expect(again.arraySync()).toEqual(golden.output);
      tf.dispose([x, y, again]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('Discretization refuses what Keras refuses, in sentences', () => {
  it('names the argument, the value and what was expected', async () => {
    expect(() => new Discretization({ binBoundaries: [0, 1], outputMode: 'one_hot', sparse: true })).toThrow(/sparse=true, which Strata does not support/);
    expect(() => new Discretization({ binBoundaries: [0], outputMode: 'tf_idf' as never })).toThrow(/output_mode="tf_idf"; expected one of "int", "one_hot"/);
    expect(() => new Discretization({ binBoundaries: [0], numBins: 3 })).toThrow(/both num_bins=3 and bin_boundaries=\[0\]/);
    expect(() => new Discretization({})).toThrow(/needs either `num_bins`/);
    expect(() => new Discretization({ numBins: -1 })).toThrow(/num_bins=-1; expected an integer >= 0/);
    expect(() => new Discretization({ binBoundaries: [2, 1] })).toThrow(/sorted in increasing order/);
    await expect(new Discretization({ binBoundaries: [0, 1] }).adapt([[1, 2]])).rejects.toThrow(/cannot be adapted/);
    const unadapted = new Discretization({ numBins: 3 });
    const x = tf.tensor2d([[1, 2]]);
    expect(() => unadapted.apply(x)).toThrow(/has no bin boundaries/);
    x.dispose();
  });

  it('adapts on a nested array, a tensor and an async stream alike', async () => {
    const data = Array.from({ length: 40 }, (_, i) => [Math.sin(i) * 5, i / 4]);
    const fromArray = new Discretization({ numBins: 4 });
    await fromArray.adapt(data);
    const tensor = tf.tensor2d(data);
    const fromTensor = new Discretization({ numBins: 4 });
    await fromTensor.adapt(tensor);
    tensor.dispose();
    const fromStream = new Discretization({ numBins: 4 });
    await fromStream.adapt(
      (async function* () {
        yield data;
      })(),
    );
    expect(fromArray.binBoundaries).toHaveLength(3);
    expect(fromTensor.binBoundaries).toEqual(fromArray.binBoundaries);
    expect(fromStream.binBoundaries).toEqual(fromArray.binBoundaries);
  });
});
