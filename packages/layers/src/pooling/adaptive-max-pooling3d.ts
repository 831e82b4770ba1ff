import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Max pooling of the 3 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveMaxPooling3D). */
export class AdaptiveMaxPooling3D extends BaseAdaptivePooling {
  static override className = 'AdaptiveMaxPooling3D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(3, 'max', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveMaxPooling3D {
    return new AdaptiveMaxPooling3D(...adaptivePoolingFromConfig(config));
  }
}
