import { BaseSpatialDropout, type SpatialDropoutArgs } from './base-spatial-dropout';

/** Keras's SpatialDropout1D: drops entire 1D feature maps with probability `rate` in training. */
export class SpatialDropout1D extends BaseSpatialDropout {
  static override className = 'SpatialDropout1D';

  constructor(rate: number, args: Omit<SpatialDropoutArgs, 'dataFormat'> = {}) {
    super(1, rate, args);
  }

  static fromConfig(config: Record<string, unknown>): SpatialDropout1D {
    return new SpatialDropout1D(config.rate as number, {
      name: config.name as string | undefined,
      seed: config.seed as number | null,
    });
  }
}
