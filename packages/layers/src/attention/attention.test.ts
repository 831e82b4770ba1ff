import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInput } from '../test-support/layer-inputs';
import { AdditiveAttention } from './additive-attention';
import { Attention } from './attention';
import { MultiHeadAttention } from './multi-head-attention';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { attentionSpecs } from '../test-support/specs/attention';

beforeAll(async () => {
  await useBackend('cpu');
});

// float32 softmax-weighted sums of a few terms against float64: 1e-5 relative, 1e-6 floor.
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

type Matrix = number[][];

/** softmax(scores) · value per row, with masked-out keys taking no weight: the naive reference. */
function naiveAttend(scores: Matrix, value: Matrix, keep?: (i: number, j: number) => boolean): { output: Matrix; weights: Matrix } {
  const weights = scores.map((row, i) => {
    const allowed = row.map((_, j) => (keep ? keep(i, j) : true));
    const max = Math.max(...row.filter((_, j) => allowed[j]));
    const exps = row.map((s, j) => (allowed[j] ? Math.exp(s - max) : 0));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => e / total);
  });
  const output = weights.map((w) => value[0].map((_, d) => w.reduce((sum, wj, j) => sum + wj * value[j][d], 0)));
  return { output, weights };
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('Attention', () => {
  it('matches softmax(Q Kᵀ) V with value mask, query mask and causal mask', () => {
    const query = randomInput([2, 3, 4], 'float32', 10, 1);
    const value = randomInput([2, 5, 2], 'float32', 10, 2);
    const key = randomInput([2, 5, 4], 'float32', 10, 3);
    const valueMask = [
      [true, true, false, true, false],
      [true, true, true, true, true],
    ];
    const queryMask = [
      [true, false, true],
      [true, true, true],
    ];
    const layer = new Attention({ useScale: true });
    layer.apply([query, value, key]);
    layer.setWeights([tf.scalar(0.7)]);
    const [output, weights] = layer.apply([query, value, key], {
      mask: [tf.tensor2d(queryMask), tf.tensor2d(valueMask)],
      returnAttentionScores: true,
      useCausalMask: true,
    } as never) as tf.Tensor[];
    const q = query.arraySync() as Matrix[];
    const v = value.arraySync() as Matrix[];
    const k = key.arraySync() as Matrix[];
    const expectedOutputs: number[] = [];
    const expectedWeights: number[] = [];
    for (let b = 0; b < 2; b++) {
      const scores = q[b].map((row) => k[b].map((keyRow) => 0.7 * dot(row, keyRow)));
      const { output: out, weights: w } = naiveAttend(scores, v[b], (i, j) => valueMask[b][j] && j <= i);
      expectedOutputs.push(...out.flatMap((row, i) => row.map((x) => (queryMask[b][i] ? x : 0))));
      expectedWeights.push(...w.flat());
    }
    expectAllClose(output, expectedOutputs, TOLERANCE);
    expectAllClose(weights, expectedWeights, TOLERANCE);
    expect(layer.computeMask([query, value], [tf.tensor2d(queryMask), null])).not.toBeNull();
  });

  it('AdditiveAttention sums scale · tanh(q + k), per feature', () => {
    const query = randomInput([1, 2, 3], 'float32', 10, 4);
    const value = randomInput([1, 4, 3], 'float32', 10, 5);
    const layer = new AdditiveAttention();
    const output = layer.apply([query, value]) as tf.Tensor;
    const scale = Array.from(layer.getWeights()[0].dataSync());
    const q = (query.arraySync() as Matrix[])[0];
    const v = (value.arraySync() as Matrix[])[0];
    const scores = q.map((row) => v.map((keyRow) => row.reduce((s, x, d) => s + scale[d] * Math.tanh(x + keyRow[d]), 0)));
    expectAllClose(output, naiveAttend(scores, v).output.flat(), TOLERANCE);
    expect(layer.getConfig()).not.toHaveProperty('score_mode');
    expect(layer.getConfig().use_scale).toBe(true);
  });
});

describe('MultiHeadAttention', () => {
  it('lays out weights as Keras', () => {
    const layer = new MultiHeadAttention(2, 3, { name: 'multi_head_attention' });
    layer.apply(randomInput([2, 4, 5]));
    expect(layer.weights.map((w) => [w.path, w.shape])).toEqual([
      ['multi_head_attention/query/kernel', [5, 2, 3]],
      ['multi_head_attention/query/bias', [2, 3]],
      ['multi_head_attention/key/kernel', [5, 2, 3]],
      ['multi_head_attention/key/bias', [2, 3]],
      ['multi_head_attention/value/kernel', [5, 2, 3]],
      ['multi_head_attention/value/bias', [2, 3]],
      ['multi_head_attention/attention_output/kernel', [2, 3, 5]],
      ['multi_head_attention/attention_output/bias', [5]],
    ]);
    expect(layer.getConfig().attention_axes).toEqual([1]);
  });

  it('matches per-head softmax(Q Kᵀ / √d) V, masks and scores included', () => {
    const [heads, keyDim, valueDim] = [2, 3, 2];
    const query = randomInput([2, 3, 4], 'float32', 10, 6);
    const value = randomInput([2, 5, 4], 'float32', 10, 7);
    const layer = new MultiHeadAttention(heads, keyDim, { valueDim, biasInitializer: 'glorot_uniform' });
    const attentionMask = tf.tensor3d([
      [
        [true, true, false, true, true],
        [false, true, true, true, true],
        [true, true, true, true, false],
      ],
      [
        [true, true, true, true, true],
        [true, false, false, false, true],
        [true, true, true, false, true],
      ],
    ]);
    const [output, scores] = layer.apply([query, value], { attentionMask, returnAttentionScores: true } as never) as tf.Tensor[];
    expect(scores.shape).toEqual([2, heads, 3, 5]);
    const [wq, bq, wk, bk, wv, bv, wo, bo] = layer.getWeights().map((w) => w.arraySync()) as [
      number[][][],
      Matrix,
      number[][][],
      Matrix,
      number[][][],
      Matrix,
      number[][][],
      number[],
    ];
    const projectRows = (rows: Matrix, kernel: number[][][], bias: Matrix, h: number, size: number) =>
      rows.map((row) => Array.from({ length: size }, (_, d) => bias[h][d] + row.reduce((s, x, i) => s + x * kernel[i][h][d], 0)));
    const q = query.arraySync() as Matrix[];
    const v = value.arraySync() as Matrix[];
    const maskArray = attentionMask.arraySync() as number[][][];
    const expectedOutput: number[] = [];
    const expectedScores: number[] = [];
    for (let b = 0; b < 2; b++) {
      const contexts: Matrix[] = [];
      for (let h = 0; h < heads; h++) {
        const qh = projectRows(q[b], wq, bq, h, keyDim);
        const kh = projectRows(v[b], wk, bk, h, keyDim);
        const vh = projectRows(v[b], wv, bv, h, valueDim);
        const logits = qh.map((row) => kh.map((keyRow) => dot(row, keyRow) / Math.sqrt(keyDim)));
        const { output: context, weights } = naiveAttend(logits, vh, (i, j) => maskArray[b][i][j] === 1);
        contexts.push(context);
        expectedScores.push(...weights.flat());
      }
      for (let t = 0; t < 3; t++) {
        for (let o = 0; o < 4; o++) {
          let sum = bo[o];
          for (let h = 0; h < heads; h++) for (let d = 0; d < valueDim; d++) sum += contexts[h][t][d] * wo[h][d][o];
          expectedOutput.push(sum);
        }
      }
    }
    // Scores are [batch, heads, Tq, Tv]: the batch loop above writes them in that order.
    expectAllClose(output, expectedOutput, TOLERANCE);
    expectAllClose(scores, expectedScores, TOLERANCE);
  });

  it('applies query / value masks and the causal mask like an equivalent attention mask', () => {
    const x = randomInput([2, 4, 3], 'float32', 10, 9);
    const layer = new MultiHeadAttention(2, 2);
    const valueMask = tf.tensor2d([
      [true, true, true, false],
      [true, false, true, true],
    ]);
    const viaMasks = layer.apply([x, x], { mask: [null, valueMask], useCausalMask: true } as never) as tf.Tensor;
    const causal = tf.tensor2d([
      [true, false, false, false],
      [true, true, false, false],
      [true, true, true, false],
      [true, true, true, true],
    ]);
    const explicit = tf.logicalAnd(tf.expandDims(causal, 0), tf.expandDims(valueMask, 1));
    expectAllClose(viaMasks, layer.apply([x, x], { attentionMask: explicit } as never) as tf.Tensor, TOLERANCE);
  });

  it('attends over a chosen axis of 4-D inputs', () => {
    const x = randomInput([2, 3, 4, 5], 'float32', 10, 10);
    const layer = new MultiHeadAttention(2, 2, { attentionAxes: [2] });
    const [output, scores] = layer.apply([x, x], { returnAttentionScores: true } as never) as tf.Tensor[];
    expect(output.shape).toEqual([2, 3, 4, 5]);
    expect(scores.shape).toEqual([2, 3, 2, 4, 4]);
    // Attending over axis 2 only: each slice along axis 1 is an independent sequence.
    const slice = tf.squeeze(tf.slice(x, [0, 1, 0, 0], [2, 1, 4, 5]), [1]);
    const perSlice = new MultiHeadAttention(2, 2);
    perSlice.apply([slice, slice]);
    perSlice.setWeights(layer.getWeights());
    expectAllClose(tf.squeeze(tf.slice(output, [0, 1, 0, 0], [2, 1, 4, 5]), [1]), perSlice.apply([slice, slice]) as tf.Tensor, TOLERANCE);
  });
});

describeLayerTests('attention layers through the layer harness', attentionSpecs);
