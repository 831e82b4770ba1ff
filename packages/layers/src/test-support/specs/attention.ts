import { AdditiveAttention, Attention, GroupQueryAttention, MultiHeadAttention } from '../../attention';
import type { LayerSpecs } from '../describe-layer-tests';

export const attentionSpecs: LayerSpecs = {
  Attention: [
    { make: () => new Attention(), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedTrainableWeights: 0 },
    // [query, value]: two inputs of different lengths.
    { make: () => new Attention({ useScale: true, scoreMode: 'concat' }), inputShape: [[2, 4, 3], [2, 6, 3]], expectedOutputShape: [2, 4, 3], expectedTrainableWeights: 2 },
    { make: () => new Attention({ dropout: 0.3, seed: 4 }), inputShape: [[2, 4, 3], [2, 5, 3]], seeded: true },
  ],
  AdditiveAttention: { make: () => new AdditiveAttention(), inputShape: [[2, 4, 3], [2, 5, 3]], expectedOutputShape: [2, 4, 3], expectedTrainableWeights: 1 },
  MultiHeadAttention: [
    { make: () => new MultiHeadAttention(2, 3), inputShape: [2, 4, 5], expectedOutputShape: [2, 4, 5], expectedTrainableWeights: 8, gradientTolerance: 5e-2 },
    {
      make: () => new MultiHeadAttention(2, 2, { valueDim: 3, outputShape: [4], useBias: false }),
      inputShape: [[1, 3, 2], [1, 5, 2]],
      expectedOutputShape: [1, 3, 4],
      expectedTrainableWeights: 4,
    },
  ],
  GroupQueryAttention: [
    {
      make: () => new GroupQueryAttention(3, 4, 2),
      inputShape: [[2, 3, 5], [2, 4, 5]],
      expectedOutputShape: [2, 3, 5],
      expectedTrainableWeights: 8,
      expectedNonTrainableWeights: 0,
      gradientTolerance: 5e-2,
    },
    { make: () => new GroupQueryAttention(2, 2, 1, { useGate: true, slidingWindow: 2, useBias: false }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], expectedTrainableWeights: 5 },
    { make: () => new GroupQueryAttention(2, 2, 2, { dropout: 0.3, seed: 4 }), inputShape: [[2, 3, 4], [2, 5, 4]], seeded: true },
  ],
};
