import { type LayerArgs, layerArgsFromConfig } from '../engine/layer';
import { BaseUpSampling } from './base-up-sampling';

/** Keras's UpSampling1D: repeats each time step `size` times. */
export class UpSampling1D extends BaseUpSampling {
  static override className = 'UpSampling1D';

  constructor(size = 2, args: LayerArgs = {}) {
    super(1, size, args);
  }

  override getConfig(): Record<string, unknown> {
    // Keras's UpSampling1D has no data_format; its size is an int.
    return { ...super.getConfig(), size: this.size[0] };
  }

  static fromConfig(config: Record<string, unknown>): UpSampling1D {
    return new UpSampling1D(config.size as number, layerArgsFromConfig(config));
  }
}
