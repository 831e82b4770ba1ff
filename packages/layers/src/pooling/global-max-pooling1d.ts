import { BaseGlobalPooling, type GlobalPoolingArgs, globalPoolingArgsFromConfig } from './base-global-pooling';

/** Global max pooling over the 1 spatial axes (Keras's GlobalMaxPooling1D). */
export class GlobalMaxPooling1D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling1D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(1, 'max', args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalMaxPooling1D {
    return new GlobalMaxPooling1D(globalPoolingArgsFromConfig(config));
  }
}
