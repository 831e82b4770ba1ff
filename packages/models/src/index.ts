/**
 * `Input`, `Sequential`, the functional `Model`, subclassed models, and `compile` / `fit` / `evaluate` / `predict`.
 *
 * @module @strata/models
 */
export { Model } from './model';
export type { DenseChain, ModelArgs } from './model';
export { Sequential, serializeLayer } from './sequential';
export { FunctionalGraph } from './functional-graph';
export { summarize, readableMemorySize } from './summary';
export type { SummaryOptions } from './summary';
export type { ModelSaver, SaveOptions } from './saver';
export type { CompileArgs, CompiledState } from './training/compile';
export type { FitArgs } from './training/fit';
export type { EvaluateArgs, EvaluateResult } from './training/evaluate';
export type { PredictArgs } from './training/predict';
export type { DataInput, DatasetLike, TargetInput } from './training/data';
export { Input, InputLayer } from '@strata/layers';
export { layerFromEntry, modelFromConfig } from './deserialize';
export type { DeserializeOptions, LayerClass, LayerRegistry } from './deserialize';
export { ValueError } from './errors';
export type { ModelInputSpec } from './input-shapes';
export type { ComputeLossArgs, ForwardResult, StepData } from './training/step-methods';
export type { StepLogs } from './training/step';
export { LossTracker } from './training/compile';
export { maxEpochs, maxStepsPerEpoch, setMaxEpochs, setMaxStepsPerEpoch } from './training/limits';
export { packXYSampleWeight, unpackXYSampleWeight } from './training/data-tuples';
export { modelToDot, dotId } from './plot/model-to-dot';
export type { ModelToDotOptions } from './plot/model-to-dot';
export { plotModel, renderDot, formatOfFile } from './plot/plot-model';
export type { PlotModelOptions, PlotFormat, GraphvizModule } from './plot/plot-model';
export { modelFromJson } from './json';
export { cloneModel, cloneLayerFromConfig } from './cloning';
export type { CloneModelOptions } from './cloning';
export { compileArgsFromConfig } from './compile-config';
export type { ModelClasses } from './deserialize';
export type {
  BuildConfig,
  CompileConfig,
  FunctionalConfig,
  KerasHistory,
  ModelConfig,
  SequentialConfig,
  SerializedEntry,
  SerializedModel,
  SubclassedModelConfig,
} from './json-types';
export { Distiller, DistillationLoss, FeatureDistillation, LogitsDistillation } from './distillation';
export type { DistillerArgs, DistillationModel, FeatureDistillationOptions, LogitsDistillationOptions } from './distillation';
export { Config, ConfigAttributeError } from './utils/config';
