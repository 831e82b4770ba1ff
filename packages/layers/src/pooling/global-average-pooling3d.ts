import { BaseGlobalPooling, type GlobalPoolingArgs, globalPoolingArgsFromConfig } from './base-global-pooling';

/** Global average pooling over the 3 spatial axes (Keras's GlobalAveragePooling3D). */
export class GlobalAveragePooling3D extends BaseGlobalPooling {
  static override className = 'GlobalAveragePooling3D';

  constructor(args: GlobalPoolingArgs = {}) {
    super(3, 'average', args);
  }

  static fromConfig(config: Record<string, unknown>): GlobalAveragePooling3D {
    return new GlobalAveragePooling3D(globalPoolingArgsFromConfig(config));
  }
}
