import {
  Cropping1D,
  Cropping2D,
  Cropping3D,
  Permute,
  RepeatVector,
  UpSampling1D,
  UpSampling2D,
  UpSampling3D,
  ZeroPadding1D,
  ZeroPadding2D,
  ZeroPadding3D,
} from '../../reshaping';
import type { LayerSpecs } from '../describe-layer-tests';

export const reshapingSpecs: LayerSpecs = {
  Permute: { make: () => new Permute([2, 1]), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3] },
  RepeatVector: { make: () => new RepeatVector(3), inputShape: [2, 4], expectedOutputShape: [2, 3, 4] },
  UpSampling1D: { make: () => new UpSampling1D(3), inputShape: [2, 4, 2], expectedOutputShape: [2, 12, 2] },
  UpSampling2D: [
    { make: () => new UpSampling2D([2, 3]), inputShape: [2, 2, 3, 2], expectedOutputShape: [2, 4, 9, 2] },
    { make: () => new UpSampling2D(2, { interpolation: 'bilinear', dataFormat: 'channels_first' }), inputShape: [1, 2, 3, 3], expectedOutputShape: [1, 2, 6, 6] },
  ],
  UpSampling3D: { make: () => new UpSampling3D(), inputShape: [1, 2, 2, 1, 2], expectedOutputShape: [1, 4, 4, 2, 2] },
  ZeroPadding1D: { make: () => new ZeroPadding1D([1, 2]), inputShape: [2, 3, 2], expectedOutputShape: [2, 6, 2] },
  ZeroPadding2D: { make: () => new ZeroPadding2D([[1, 0], [2, 1]]), inputShape: [2, 3, 3, 2], expectedOutputShape: [2, 4, 6, 2] },
  ZeroPadding3D: { make: () => new ZeroPadding3D(1, { dataFormat: 'channels_first' }), inputShape: [1, 2, 2, 3, 1], expectedOutputShape: [1, 2, 4, 5, 3] },
  Cropping1D: { make: () => new Cropping1D([1, 2]), inputShape: [2, 6, 2], expectedOutputShape: [2, 3, 2] },
  Cropping2D: { make: () => new Cropping2D([[1, 0], [1, 2]]), inputShape: [2, 4, 5, 2], expectedOutputShape: [2, 3, 2, 2] },
  Cropping3D: { make: () => new Cropping3D(), inputShape: [1, 3, 4, 5, 2], expectedOutputShape: [1, 1, 2, 3, 2] },
};
