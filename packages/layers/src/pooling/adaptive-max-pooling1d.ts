import { type AdaptivePoolingArgs, BaseAdaptivePooling, adaptivePoolingFromConfig } from './base-adaptive-pooling';

/** Max pooling of the 1 spatial axes to a fixed output size, whatever the input's size (Keras's AdaptiveMaxPooling1D). */
export class AdaptiveMaxPooling1D extends BaseAdaptivePooling {
  static override className = 'AdaptiveMaxPooling1D';

  constructor(outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(1, 'max', outputSize, args);
  }

  static fromConfig(config: Record<string, unknown>): AdaptiveMaxPooling1D {
    return new AdaptiveMaxPooling1D(...adaptivePoolingFromConfig(config));
  }
}
