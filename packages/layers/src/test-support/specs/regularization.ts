import {
  ActivityRegularization,
  AlphaDropout,
  GaussianDropout,
  GaussianNoise,
  SpatialDropout1D,
  SpatialDropout2D,
  SpatialDropout3D,
} from '../../regularization';
import type { LayerSpecs } from '../describe-layer-tests';

export const regularizationSpecs: LayerSpecs = {
  SpatialDropout1D: { make: () => new SpatialDropout1D(0.5, { seed: 1 }), inputShape: [2, 4, 3], expectedOutputShape: [2, 4, 3], seeded: true },
  SpatialDropout2D: { make: () => new SpatialDropout2D(0.5, { dataFormat: 'channels_first', seed: 2 }), inputShape: [2, 3, 4, 4], seeded: true },
  SpatialDropout3D: { make: () => new SpatialDropout3D(0.4, { seed: 3 }), inputShape: [2, 2, 2, 2, 3], seeded: true },
  GaussianNoise: [
    { make: () => new GaussianNoise(0.1, { seed: 4 }), inputShape: [2, 5], expectedOutputShape: [2, 5], seeded: true },
    { make: () => new GaussianNoise(0.1), inputShape: [2, 5], random: true },
  ],
  GaussianDropout: { make: () => new GaussianDropout(0.3, { seed: 5 }), inputShape: [2, 5], seeded: true },
  AlphaDropout: { make: () => new AlphaDropout(0.2, { seed: 6 }), inputShape: [4, 5], seeded: true },
  ActivityRegularization: { make: () => new ActivityRegularization({ l1: 0.1 }), inputShape: [2, 5], expectedLosses: 1 },
};
