import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Max pooling of the 2 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveMaxPooling2D). */
export class AdaptiveMaxPooling2D extends BaseAdaptivePooling {
  static override className = 'AdaptiveMaxPooling2D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(2, 'max', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveMaxPooling2D {
    return new AdaptiveMaxPooling2D(...adaptivePoolingFromConfig(config));
  }
}
