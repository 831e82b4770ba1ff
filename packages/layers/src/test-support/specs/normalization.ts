import { Conv2D } from '../../convolutional';
import { Dense } from '../../core/dense';
import { Embedding } from '../../core/embedding';
import {
  BatchNormalization,
  GroupNormalization,
  LayerNormalization,
  RMSNormalization,
  SpectralNormalization,
  UnitNormalization,
} from '../../normalization';
import type { LayerSpecs } from '../describe-layer-tests';

export const normalizationSpecs: LayerSpecs = {
  SpectralNormalization: [
    {
      make: () => new SpectralNormalization(new Dense(3, { activation: 'tanh' })),
      inputShape: [4, 5],
      expectedOutputShape: [4, 3],
      expectedTrainableWeights: 2,
      expectedNonTrainableWeights: 1,
    },
    { make: () => new SpectralNormalization(new Conv2D(2, 2), { powerIterations: 2 }), inputShape: [2, 4, 4, 3], expectedOutputShape: [2, 3, 3, 2] },
    { make: () => new SpectralNormalization(new Embedding(6, 3)), inputShape: [2, 4], inputDtype: 'int32', maxValue: 6, expectedOutputShape: [2, 4, 3] },
  ],
  BatchNormalization: [
    { make: () => new BatchNormalization(), inputShape: [4, 3, 5], expectedOutputShape: [4, 3, 5], expectedTrainableWeights: 2, expectedNonTrainableWeights: 2 },
    { make: () => new BatchNormalization({ axis: 1, center: false, momentum: 0.9 }), inputShape: [4, 3, 5], expectedTrainableWeights: 1, expectedNonTrainableWeights: 2 },
  ],
  LayerNormalization: [
    { make: () => new LayerNormalization(), inputShape: [3, 4, 6], expectedOutputShape: [3, 4, 6], expectedTrainableWeights: 2 },
    { make: () => new LayerNormalization({ axis: [1, 2], rmsScaling: true, center: false }), inputShape: [3, 4, 6], expectedTrainableWeights: 1 },
  ],
  GroupNormalization: { make: () => new GroupNormalization({ groups: 2 }), inputShape: [2, 3, 3, 4], expectedOutputShape: [2, 3, 3, 4], expectedTrainableWeights: 2 },
  RMSNormalization: [
    { make: () => new RMSNormalization(), inputShape: [3, 4, 6], expectedOutputShape: [3, 4, 6], expectedTrainableWeights: 1, supportsMasking: true },
    { make: () => new RMSNormalization({ axis: [1, 2], epsilon: 0.01 }), inputShape: [3, 4, 6], expectedTrainableWeights: 1 },
  ],
  UnitNormalization: { make: () => new UnitNormalization(), inputShape: [2, 5], expectedOutputShape: [2, 5] },
};
