import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's Cropping3D: removes elements before and after each spatial axis (`cropping`: an int, 3 ints, or 3 (before, after) pairs). */
export class Cropping3D extends BaseSpatialEdges {
  static override className = 'Cropping3D';
  protected readonly sign = -1 as const;

  constructor(cropping: number | number[] | number[][] = [[1, 1], [1, 1], [1, 1]], args: SpatialEdgesArgs = {}) {
    super(3, cropping, 'cropping', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.serializedAmounts(), data_format: this.dataFormat };
  }

  static fromConfig(config: Record<string, unknown>): Cropping3D {
    return new Cropping3D(config.cropping as number[] | number[][], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string });
  }
}
