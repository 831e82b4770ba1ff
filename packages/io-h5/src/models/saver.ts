import type { Model, ModelSaver } from '@strata/models';
import { loadWeights } from './load';
import { saveModel, saveWeights } from './save';

/** models' `ModelSaver` backed by Keras files, so that `model.save('m.keras')` and friends work. */
export const kerasFileSaver: ModelSaver = {
  saveModel: (model, path, options) => saveModel(model, path, options),
  saveWeights: (model, path, options) => saveWeights(model, path, options),
  loadWeights: (model, path, options) => loadWeights(model, path, options),
};

/**
 * Plugs Keras files into `model.save`, `model.saveWeights` and
 * `model.loadWeights`. Explicit, per model: importing this package registers
 * nothing (docs/DESIGN.md). Returns the model, for chaining.
 */
export function useKerasFiles<T extends Model>(model: T): T {
  model.saver = kerasFileSaver;
  return model;
}
