import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Average pooling of the 3 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveAveragePooling3D). */
export class AdaptiveAveragePooling3D extends BaseAdaptivePooling {
  static override className = 'AdaptiveAveragePooling3D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(3, 'average', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveAveragePooling3D {
    return new AdaptiveAveragePooling3D(...adaptivePoolingFromConfig(config));
  }
}
