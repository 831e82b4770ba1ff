import { CenterCrop, CutMix, MaxNumBoundingBoxes, MixUp, Pipeline, RandomCrop, RandomElasticTransform, RandomErasing, RandomPerspective, RandomShear, Rescaling } from '../../preprocessing';
import type { LayerSpecs } from '../describe-layer-tests';

const image = [2, 6, 5, 3];

/** The geometric and mixing augmentation layers (Keras 3's RandomCrop ... MaxNumBoundingBoxes). */
export const augmentationSpecs: LayerSpecs = {
  RandomCrop: [
    { make: () => new RandomCrop(4, 3, { seed: 2 }), inputShape: image, expectedOutputShape: [2, 4, 3, 3], seeded: true },
    { make: () => new RandomCrop(2, 4, { dataFormat: 'channels_first', seed: 5 }), inputShape: [2, 3, 6, 5], expectedOutputShape: [2, 3, 2, 4], seeded: true },
  ],
  RandomErasing: { make: () => new RandomErasing({ scale: [0.2, 0.5], fillValue: 0.5, valueRange: [0, 1], seed: 3 }), inputShape: image, expectedOutputShape: image, seeded: true },
  RandomShear: { make: () => new RandomShear({ xFactor: 0.3, yFactor: [0.1, 0.4], fillMode: 'wrap', seed: 4 }), inputShape: image, expectedOutputShape: image, seeded: true },
  RandomPerspective: {
    make: () => new RandomPerspective({ scale: 0.4, dataFormat: 'channels_first', seed: 6 }),
    inputShape: [2, 3, 6, 5],
    expectedOutputShape: [2, 3, 6, 5],
    seeded: true,
  },
  RandomElasticTransform: {
    make: () => new RandomElasticTransform({ scale: [0.5, 1], fillMode: 'mirror', valueRange: [0, 1], seed: 10 }),
    inputShape: [2, 12, 10, 2],
    expectedOutputShape: [2, 12, 10, 2],
    seeded: true,
  },
  CutMix: { make: () => new CutMix({ seed: 7 }), inputShape: [4, 6, 5, 3], expectedOutputShape: [4, 6, 5, 3], seeded: true },
  MixUp: { make: () => new MixUp({ alpha: 0.4, seed: 8 }), inputShape: [4, 6, 5, 3], expectedOutputShape: [4, 6, 5, 3], seeded: true },
  Pipeline: {
    make: () => new Pipeline([new Rescaling(0.5, { offset: 1 }), new CenterCrop(2, 3)]),
    inputShape: [2, 4, 5, 3],
    expectedOutputShape: [2, 2, 3, 3],
  },
  MaxNumBoundingBoxes: { make: () => new MaxNumBoundingBoxes(3), inputShape: image, expectedOutputShape: image },
};
