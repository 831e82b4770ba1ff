import { CustomScaleLayer, LayerScale, StochasticDepth } from '../../applications';
import type { LayerSpecs } from '../describe-layer-tests';

export const applicationLayerSpecs: LayerSpecs = {
  LayerScale: { make: () => new LayerScale({ initValues: 0.1, projectionDim: 5 }), inputShape: [2, 3, 5], expectedOutputShape: [2, 3, 5], expectedTrainableWeights: 1 },
  // [shortcut, residual]: two inputs.
  CustomScaleLayer: { make: () => new CustomScaleLayer({ scale: 0.17 }), inputShape: [[2, 3, 4], [2, 3, 4]], expectedOutputShape: [2, 3, 4] },
  StochasticDepth: { make: () => new StochasticDepth(0.5, { seed: 3 }), inputShape: [8, 3, 4], expectedOutputShape: [8, 3, 4], seeded: true },
};
