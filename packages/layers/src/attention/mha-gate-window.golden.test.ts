import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiHeadAttention } from './multi-head-attention';

/** golden/mha-gate-window.json, written by real Keras 3.15.1 (scripts/golden_mha_gate_window.py). */
interface GoldenCase {
  kwargs: { use_gate?: boolean; sliding_window?: number };
  use_causal_mask: boolean;
  weight_paths: string[];
  weight_shapes: number[][];
  query_shape: number[];
  value_shape: number[];
  output: number[];
}
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden', 'mha-gate-window.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

/** The script's fixed values: sin(0.61 i + phase) / 2. */
const sine = (shape: number[], phase: number) =>
  tf.tidy(() => tf.reshape(tf.mul(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.61), phase)), 0.5), shape));

beforeAll(async () => {
  await useBackend('cpu');
});

describe('MultiHeadAttention’s gate and sliding window at Keras 3.15.1’s numbers', () => {
  it.each(cases.map((c) => [JSON.stringify(c.kwargs), c.use_causal_mask, c] as const))('%s, causal %s', (_kwargs, _causal, golden) => {
    const before = tf.memory().numTensors;
    const layer = new MultiHeadAttention(2, 3, {
      name: 'multi_head_attention',
      useGate: golden.kwargs.use_gate,
      slidingWindow: golden.kwargs.sliding_window,
    });
    const query = sine(golden.query_shape, 0.3);
    const value = sine(golden.value_shape, 1.1);
    layer.maybeBuild([golden.query_shape, golden.value_shape]);
    // Keras's weight order (the gate between key and value), shapes included.
    const paths = golden.weight_paths.map((path) => path.replace(/^multi_head_attention(_\d+)?\//, ''));
    expect(layer.weights.map((w) => [w.path.replace(/^multi_head_attention\//, ''), w.shape])).toEqual(paths.map((p, i) => [p, golden.weight_shapes[i]]));
    const weights = golden.weight_shapes.map((shape, i) => sine(shape, 0.2 + i));
    layer.setWeights(weights);
    const output = tf.tidy(() => layer.call([query, value], { useCausalMask: golden.use_causal_mask }) as tf.Tensor);
    const expected = tf.tensor(golden.output, output.shape);
    expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-6 });
    const { name: _name, ...config } = layer.getConfig();
    expect([config.use_gate, config.sliding_window]).toEqual([golden.kwargs.use_gate ?? false, golden.kwargs.sliding_window ?? null]);
    tf.dispose([query, value, output, expected, ...weights]);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a sliding window that is not a positive integer', () => {
    expect(() => new MultiHeadAttention(2, 3, { slidingWindow: 0 })).toThrow('MultiHeadAttention: `slidingWindow` must be null or a positive integer. Received: slidingWindow=0.');
  });
});
