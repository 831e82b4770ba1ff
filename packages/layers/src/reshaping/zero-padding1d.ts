import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's ZeroPadding1D: adds zeros before and after each spatial axis (`padding`: an int or one (before, after) pair). */
export class ZeroPadding1D extends BaseSpatialEdges {
  static override className = 'ZeroPadding1D';
  protected readonly sign = 1 as const;

  constructor(padding: number | number[] | number[][] = 1, args: SpatialEdgesArgs = {}) {
    super(1, padding, 'padding', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.serializedAmounts(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): ZeroPadding1D {
    return new ZeroPadding1D(config.padding as number[] | number[][], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
