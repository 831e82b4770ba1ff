import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensors } from '../engine/layer';
import { builtInLayers } from '../registry';
import { GroupQueryAttention } from './grouped-query-attention';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('GroupQueryAttention', () => {
  it('ignores masked value positions: the same output as without them', () => {
    const layer = new GroupQueryAttention(2, 4, 2);
    const query = tf.randomNormal([2, 3, 4], 0, 1, 'float32', 1);
    const value = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2);
    tf.tidy(() => {
      const valueMask = tf.tensor2d([[1, 1, 0, 0, 0], [1, 1, 0, 0, 0]], [2, 5], 'bool');
      const masked = layer.apply([query, value] as Tensors, { mask: [null, valueMask] } as never) as tf.Tensor;
      const shortened = layer.apply([query, tf.slice(value, [0, 0, 0], [2, 2, 4])] as Tensors) as tf.Tensor;
      expectAllClose(masked, shortened, { atol: 1e-5 });
    });
    tf.dispose([query, value]);
    layer.dispose();
  });

  it('shares each key and value head between consecutive query heads, and returns [batch, queryHeads, Tq, Tv] scores', () => {
    const layer = new GroupQueryAttention(2, 4, 2);
    expect(layer.computeOutputShape([[null, 3, 4], [null, 6, 4]], { returnAttentionScores: true })).toEqual([
      [null, 3, 4],
      [null, 4, 3, 6],
    ]);
    tf.tidy(() => {
      const query = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 3);
      const [, scores] = layer.apply([query, query] as Tensors, { returnAttentionScores: true } as never) as tf.Tensor[];
      expect(scores.shape).toEqual([1, 4, 3, 3]);
      expectAllClose(tf.sum(scores, -1), tf.ones([1, 4, 3]), { atol: 1e-6 });
    });
    expect(layer.weights.map((w) => w.shape)).toEqual([[4, 4, 2], [4, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 4], [4]]);
    layer.dispose();
  });

  it('is named as Keras names its class GroupedQueryAttention, and the registry reads both class names', () => {
    expect(new GroupQueryAttention(2, 2, 1).name).toMatch(/^grouped_query_attention(_\d+)?$/);
    expect(builtInLayers().GroupQueryAttention).toBe(GroupQueryAttention);
    expect(builtInLayers().GroupedQueryAttention).toBe(GroupQueryAttention);
  });

  it('rejects head counts that do not divide, with Keras\'s sentences', () => {
    expect(() => new GroupQueryAttention(2, 4, 3)).toThrow('`num_query_heads` must be divisible by `num_key_value_heads`');
    expect(() => new GroupQueryAttention(2, 4, 2, { slidingWindow: 0 })).toThrow('`sliding_window` must be `None` or a positive integer');
  });
});
