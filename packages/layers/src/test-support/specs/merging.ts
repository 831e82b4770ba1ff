import { Add, Average, Concatenate, Dot, Maximum, Minimum, Multiply, Subtract } from '../../merging';
import type { LayerSpecs } from '../describe-layer-tests';

/** Merge layers take several inputs, as Keras's input_shape list. */
export const mergingSpecs: LayerSpecs = {
  Add: { make: () => new Add(), inputShape: [[2, 4], [2, 4], [2, 4]], expectedOutputShape: [2, 4], expectedTrainableWeights: 0, supportsMasking: true },
  Subtract: { make: () => new Subtract(), inputShape: [[2, 4], [2, 4]], expectedOutputShape: [2, 4] },
  Multiply: { make: () => new Multiply(), inputShape: [[2, 4], [2, 4], [2, 4]], expectedOutputShape: [2, 4] },
  Average: { make: () => new Average(), inputShape: [[2, 4], [2, 4], [2, 4]], expectedOutputShape: [2, 4] },
  Maximum: { make: () => new Maximum(), inputShape: [[2, 4, 2], [2, 4, 2], [2, 4, 2]], expectedOutputShape: [2, 4, 2] },
  Minimum: { make: () => new Minimum(), inputShape: [[2, 4], [2, 4], [2, 4]], expectedOutputShape: [2, 4] },
  Concatenate: { make: () => new Concatenate({ axis: 1 }), inputShape: [[2, 4, 2], [2, 5, 2], [2, 3, 2]], expectedOutputShape: [2, 12, 2] },
  Dot: [
    { make: () => new Dot(1), inputShape: [[2, 5], [2, 5]], expectedOutputShape: [2, 1] },
    { make: () => new Dot([2, 2], { normalize: true }), inputShape: [[2, 3, 4], [2, 3, 4]], expectedOutputShape: [2, 3, 3] },
  ],
};
