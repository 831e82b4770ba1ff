import type { Model } from './model';

export interface SaveOptions {
  overwrite?: boolean;
  /** Include the optimizer state (default true), as Keras's include_optimizer. */
  includeOptimizer?: boolean;
}

/**
 * How `model.save` reaches the file formats without this package importing
 * @strata/io-h5 (which sits above it): io-h5 implements this and is plugged
 * into `model.saver`.
 */
export interface ModelSaver {
  saveModel(model: Model, path: string, options: SaveOptions): Promise<void>;
  saveWeights(model: Model, path: string, options: SaveOptions): Promise<void>;
  loadWeights(model: Model, path: string, options: { byName?: boolean; skipMismatch?: boolean }): Promise<void>;
}
