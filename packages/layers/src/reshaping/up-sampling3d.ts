import { layerArgsFromConfig } from '../engine/layer';
import { BaseUpSampling, type UpSamplingArgs } from './base-up-sampling';

/** Keras's UpSampling3D: repeats along the three spatial axes. */
export class UpSampling3D extends BaseUpSampling {
  static override className = 'UpSampling3D';

  constructor(size: number | number[] = [2, 2, 2], args: UpSamplingArgs = {}) {
    super(3, size, args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), size: [...this.size], data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): UpSampling3D {
    return new UpSampling3D(config.size as number[], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
