import { BaseGlobalPooling, type GlobalPoolingArgs, globalPoolingArgsFromConfig } from './base-global-pooling';

/** Global max pooling over the 3 spatial axes (Keras's GlobalMaxPooling3D). */
export class GlobalMaxPooling3D extends BaseGlobalPooling {
  static override className = 'GlobalMaxPooling3D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(3, 'max', args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalMaxPooling3D {
    return new GlobalMaxPooling3D(globalPoolingArgsFromConfig(config));
  }
}
