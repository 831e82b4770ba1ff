import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's ZeroPadding2D: adds zeros before and after each spatial axis (`padding`: an int, 2 ints, or 2 (before, after) pairs). */
export class ZeroPadding2D extends BaseSpatialEdges {
  static override className = 'ZeroPadding2D';
  protected readonly sign = 1 as const;

  constructor(padding: number | number[] | number[][] = 1, args: SpatialEdgesArgs = {}) {
    super(2, padding, 'padding', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.serializedAmounts(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): ZeroPadding2D {
    return new ZeroPadding2D(config.padding as number[] | number[][], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
