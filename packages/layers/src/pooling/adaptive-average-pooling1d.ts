import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Average pooling of the 1 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveAveragePooling1D). */
export class AdaptiveAveragePooling1D extends BaseAdaptivePooling {
  static override className = 'AdaptiveAveragePooling1D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(1, 'average', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveAveragePooling1D {
    return new AdaptiveAveragePooling1D(...adaptivePoolingFromConfig(config));
  }
}
