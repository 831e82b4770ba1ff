import { BaseSpatialDropout, type SpatialDropoutArgs } from './base-spatial-dropout';

/** Keras's SpatialDropout3D: drops entire 3D feature maps with probability `rate` in training. */
export class SpatialDropout3D extends BaseSpatialDropout {
  static override className = 'SpatialDropout3D';

  constructor(rate: number, args: SpatialDropoutArgs = {}) {
    super(3, rate, args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): SpatialDropout3D {
    return new SpatialDropout3D(config.rate as number, {
      name: config.name as string | undefined,
      seed: config.seed as number | null, dataFormat: config.data_format as string,
    });
  }
}
