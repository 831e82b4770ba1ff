import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReversibleEmbedding } from './reversible-embedding';

/** golden/reversible-embedding.json, written by real Keras 3.15.1 (scripts/golden_reversible_embedding.py). */
interface GoldenCase {
  config: Record<string, unknown>;
  weights: string[];
  forward: number[];
  reverse: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'reversible-embedding.json');
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { ids: number[][]; hidden: number[][][]; cases: GoldenCase[] };
const embeddings = () => tf.tidy(() => tf.reshape(tf.cos(tf.mul(tf.range(0, 24), 0.21)), [6, 4]));
const reverseKernel = () => tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, 24), 0.13), 0.5)), [4, 6]));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('ReversibleEmbedding at Keras 3.15.1’s numbers', () => {
  for (const keras of golden.cases) {
    it(`tie_weights ${keras.config.tie_weights}, logit_soft_cap ${keras.config.logit_soft_cap}: lookup, reverse logits, mask, weights and config`, () => {
      const before = tf.memory().numTensors;
      const layer = ReversibleEmbedding.fromConfig(keras.config);
      const ids = tf.tensor2d(golden.ids, undefined, 'int32');
      const hidden = tf.tensor3d(golden.hidden);
      layer.maybeBuild([null, 3]);
      const weights = keras.config.tie_weights ? [embeddings()] : [embeddings(), reverseKernel()];
      layer.setWeights(weights);
      expect(layer.weights.map((w) => w.path)).toEqual(keras.weights);
      const forward = layer.apply(ids) as tf.Tensor;
      const reverse = layer.apply(hidden, { reverse: true } as never) as tf.Tensor;
      const [expectedForward, expectedReverse] = [tf.tensor(keras.forward), tf.tensor(keras.reverse)];
      expectAllClose(forward, expectedForward, { rtol: 1e-6, atol: 1e-6 });
      expectAllClose(reverse, expectedReverse, { rtol: 1e-5, atol: 1e-6 });
      expect(layer.computeOutputShape([2, 3, 4], { reverse: true })).toEqual([2, 3, 6]);
      const mask = layer.computeMask(ids) as tf.Tensor;
      expect(Array.from(mask.dataSync())).toEqual([1, 1, 0, 1, 1, 1]);
      expect(layer.computeMask(hidden, undefined, { reverse: true })).toBeNull();
      const { dtype: _dtype, ...config } = layer.getConfig();
      expect(config).toEqual(keras.config);
      tf.dispose([ids, hidden, ...weights, forward, reverse, expectedForward, expectedReverse, mask]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('refuses a soft cap that is not positive and a reverse dtype other than float32, naming the layer', () => {
    expect(() => new ReversibleEmbedding(6, 4, { name: 'head', logitSoftCap: 0 })).toThrow('ReversibleEmbedding "head": `logitSoftCap` must be a positive number or null. Received: 0.');
    expect(() => ReversibleEmbedding.fromConfig({ ...golden.cases[0].config, reverse_dtype: 'float16' })).toThrow(
      'ReversibleEmbedding "rev": Strata computes the reverse projection in float32; received reverse_dtype "float16".',
    );
  });
});
