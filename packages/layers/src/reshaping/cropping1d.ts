import { layerArgsFromConfig } from '../engine/layer';
import { BaseSpatialEdges, type SpatialEdgesArgs } from './base-spatial-edges';

/** Keras's Cropping1D: removes elements before and after each spatial axis (`cropping`: an int or one (before, after) pair). */
export class Cropping1D extends BaseSpatialEdges {
  static override className = 'Cropping1D';
  protected readonly sign = -1 as const;

  constructor(cropping: number | number[] | number[][] = [1, 1], args: SpatialEdgesArgs = {}) {
    super(1, cropping, 'cropping', args);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), cropping: this.serializedAmounts() };
  }

  static fromConfig(config: Record<string, unknown>): Cropping1D {
    return new Cropping1D(config.cropping as number[] | number[][], { ...layerArgsFromConfig(config) });
  }
}
