import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's Cropping2D: removes elements before and after each spatial axis (`cropping`: an int, 2 ints, or 2 (before, after) pairs). */
export class Cropping2D extends BaseSpatialEdges {
  static override className = 'Cropping2D';
  protected readonly sign = -1 as const;

  constructor(cropping: number | number[] | number[][] = [[0, 0], [0, 0]], args: SpatialEdgesArgs = {}) {
    super(2, cropping, 'cropping', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.serializedAmounts(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): Cropping2D {
    return new Cropping2D(config.cropping as number[] | number[][], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
