import { BaseSpatialDropout, type SpatialDropoutArgs } from './base-spatial-dropout';

/** Keras's SpatialDropout2D: drops entire 2D feature maps with probability `rate` in training. */
export class SpatialDropout2D extends BaseSpatialDropout {
  static override className = 'SpatialDropout2D';

  constructor(rate: number, args: SpatialDropoutArgs = {}) {
    super(2, rate, args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): SpatialDropout2D {
    return new SpatialDropout2D(config.rate as number, {
      name: config.name as string | undefined,
      seed: config.seed as number | null, dataFormat: config.data_format as string,
    });
  }
}
