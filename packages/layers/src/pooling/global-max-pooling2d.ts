import { BaseGlobalPooling, type GlobalPoolingArgs, globalPoolingArgsFromConfig } from './base-global-pooling';

/** Global max pooling over the 2 spatial axes (Keras's GlobalMaxPooling2D). */
export class GlobalMaxPooling2D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling2D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(2, 'max', args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalMaxPooling2D {
    return new GlobalMaxPooling2D(globalPoolingArgsFromConfig(config));
  }
}
