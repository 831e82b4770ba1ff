import { ELU } from '../../activation-layers/elu';
import { LeakyReLU } from '../../activation-layers/leaky-relu';
import { PReLU } from '../../activation-layers/prelu';
import { ReLU } from '../../activation-layers/relu';
import type { LayerSpecs } from '../describe-layer-tests';

export const activationLayerSpecs: LayerSpecs = {
  ReLU: [
    { make: () => new ReLU(), inputShape: [2, 5], expectedOutputShape: [2, 5], expectedTrainableWeights: 0, supportsMasking: true },
    { make: () => new ReLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 }), inputShape: [2, 5] },
  ],
  LeakyReLU: { make: () => new LeakyReLU(), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 4] },
  ELU: { make: () => new ELU({ alpha: 0.5 }), inputShape: [2, 5] },
  // The alpha gradient is relu(-x), smooth in alpha: the check holds away from x = 0.
  PReLU: { make: () => new PReLU({ alphaInitializer: 'ones' }), inputShape: [2, 4, 3], expectedTrainableWeights: 1 },
};
