/**
 * Keras's `keras.models`: Sequential and Model whose `save` writes Keras files.
 * The one piece of glue in this meta-package: @strata/models cannot import
 * @strata/io-h5 (it sits above it), so these subclasses plug io-h5's saver in
 * at construction — explicitly, with nothing registered on import.
 */
import type { Layer, LayerArgs, SymbolicTensor } from '@strata/layers';
import { type LoadModelOptions, kerasFileSaver, loadModel as loadKerasModel, useKerasFiles } from '@strata/io-h5';
import { Model as BaseModel, Sequential as BaseSequential, type ModelArgs } from '@strata/models';

export class Sequential extends BaseSequential {
  constructor(layers: Array<Layer | SymbolicTensor> = [], args: LayerArgs = {}) {
    super(layers, args);
    this.saver = kerasFileSaver;
  }
}

export class Model extends BaseModel {
  constructor(args: ModelArgs = {}) {
    super(args);
    this.saver = kerasFileSaver;
  }
}

/** Keras's `keras.models.load_model`: `.keras`, `.h5` (path, bytes or Blob); the model comes back able to save again. */
export async function loadModel(source: Parameters<typeof loadKerasModel>[0], options: LoadModelOptions = {}): Promise<BaseModel> {
  return useKerasFiles(await loadKerasModel(source, options));
}

export { modelFromConfig } from '@strata/models';
export type { ModelArgs } from '@strata/models';
export type { ComputeLossArgs, StepData, StepLogs } from '@strata/models';
