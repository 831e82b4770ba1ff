/**
 * Keras's `keras.models`: Sequential and Model whose `save` writes Keras files.
 * The one piece of glue in this meta-package: @strata/models cannot import
 * @strata/io-h5 (it sits above it), so these subclasses plug a saver in at
 * construction — explicitly, with nothing registered on import. The saver
 * imports @strata/io-h5 on first use, so an app that never saves or loads a
 * file does not download io-h5, h5wasm or the layer registry with its first page.
 */
import type { LoadModelOptions, loadModel as loadKerasModel } from '@strata/io-h5';
import type { Layer, LayerArgs, SymbolicTensor } from '@strata/layers';
import {
  Model as BaseModel,
  Sequential as BaseSequential,
  type ComputeLossArgs as BaseComputeLossArgs,
  type ModelArgs as BaseModelArgs,
  type ModelSaver,
  type StepData as BaseStepData,
  type StepLogs as BaseStepLogs,
} from '@strata/models';

const kerasFiles = () => import('@strata/io-h5');

/** io-h5's Keras-file saver, reached through a dynamic import on first use. */
const lazyKerasFileSaver: ModelSaver = {
  saveModel: async (model, path, options) => (await kerasFiles()).kerasFileSaver.saveModel(model, path, options),
  saveWeights: async (model, path, options) => (await kerasFiles()).kerasFileSaver.saveWeights(model, path, options),
  loadWeights: async (model, path, options) => (await kerasFiles()).kerasFileSaver.loadWeights(model, path, options),
};

export class Sequential extends BaseSequential {
  constructor(layers: Array<Layer | SymbolicTensor> = [], args: LayerArgs = {}) {
    super(layers, args);
    this.saver = lazyKerasFileSaver;
  }
}

export class Model extends BaseModel {
  constructor(args: BaseModelArgs = {}) {
    super(args);
    this.saver = lazyKerasFileSaver;
  }
}

/** Keras's `keras.models.load_model`: `.keras`, `.h5` (path, bytes or Blob); the model comes back able to save again. */
export async function loadModel(source: Parameters<typeof loadKerasModel>[0], options: LoadModelOptions = {}): Promise<BaseModel> {
  const model = await (await kerasFiles()).loadModel(source, options);
  model.saver = lazyKerasFileSaver;
  return model;
}

export { modelFromConfig } from '@strata/models';
// Aliases rather than `export type { ... } from`: the declaration bundler turned those into values of the
// `models` namespace in index.d.ts (`typeof ModelArgs`), which fails a consumer's type-check.
export type ModelArgs = BaseModelArgs;
export type ComputeLossArgs = BaseComputeLossArgs;
export type StepData = BaseStepData;
export type StepLogs = BaseStepLogs;
