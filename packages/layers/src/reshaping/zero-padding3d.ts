import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's ZeroPadding3D: adds zeros before and after each spatial axis (`padding`: an int, 3 ints, or 3 (before, after) pairs). */
export class ZeroPadding3D extends BaseSpatialEdges {
  static override className = 'ZeroPadding3D';
  protected readonly sign = 1 as const;

  constructor(padding: number | number[] | number[][] = 1, args: SpatialEdgesArgs = {}) {
    super(3, padding, 'padding', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), padding: this.serializedAmounts(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): ZeroPadding3D {
    return new ZeroPadding3D(config.padding as number[] | number[][], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
