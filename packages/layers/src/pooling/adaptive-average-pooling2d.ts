import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Average pooling of the 2 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveAveragePooling2D). */
export class AdaptiveAveragePooling2D extends BaseAdaptivePooling {
  static override className = 'AdaptiveAveragePooling2D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(2, 'average', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveAveragePooling2D {
    return new AdaptiveAveragePooling2D(...adaptivePoolingFromConfig(config));
  }
}
