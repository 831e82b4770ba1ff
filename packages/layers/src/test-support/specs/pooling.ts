import {
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
  GlobalAveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalMaxPooling3D,
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
} from '../../pooling';
import type { LayerSpecs } from '../describe-layer-tests';

export const poolingSpecs: LayerSpecs = {
  MaxPooling1D: { make: () => new MaxPooling1D(2), inputShape: [2, 7, 3], expectedOutputShape: [2, 3, 3] },
  MaxPooling2D: {
    make: () => new MaxPooling2D([2, 2]),
    inputShape: [2, 7, 6, 3],
    expectedOutputShape: [2, 3, 3, 3],
    expectedTrainableWeights: 0,
    expectedNonTrainableWeights: 0,
  },
  MaxPooling3D: { make: () => new MaxPooling3D(2, { padding: 'same' }), inputShape: [1, 3, 4, 5, 2], expectedOutputShape: [1, 2, 2, 3, 2] },
  AveragePooling1D: { make: () => new AveragePooling1D(3, { strides: 1, padding: 'same' }), inputShape: [2, 5, 2], expectedOutputShape: [2, 5, 2] },
  AveragePooling2D: { make: () => new AveragePooling2D(2), inputShape: [2, 4, 4, 3], expectedOutputShape: [2, 2, 2, 3] },
  AveragePooling3D: { make: () => new AveragePooling3D([2, 2, 1]), inputShape: [1, 4, 4, 3, 2], expectedOutputShape: [1, 2, 2, 3, 2] },
  GlobalMaxPooling1D: { make: () => new GlobalMaxPooling1D(), inputShape: [2, 5, 3], expectedOutputShape: [2, 3] },
  GlobalMaxPooling2D: { make: () => new GlobalMaxPooling2D({ keepdims: true }), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 1, 1, 3] },
  GlobalMaxPooling3D: { make: () => new GlobalMaxPooling3D(), inputShape: [1, 2, 3, 4, 2], expectedOutputShape: [1, 2] },
  GlobalAveragePooling1D: {
    make: () => new GlobalAveragePooling1D({ dataFormat: 'channels_first' }),
    inputShape: [2, 3, 5],
    expectedOutputShape: [2, 3],
  },
  GlobalAveragePooling2D: { make: () => new GlobalAveragePooling2D(), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 3] },
  GlobalAveragePooling3D: {
    make: () => new GlobalAveragePooling3D({ keepdims: true }),
    inputShape: [1, 2, 3, 4, 2],
    expectedOutputShape: [1, 1, 1, 1, 2],
  },
};
