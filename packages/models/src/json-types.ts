/**
 * The configs of models as Keras 3 writes them (`config.json` of a `.keras`
 * file, `model.to_json()`): snake_case, type aliases so that each is still a
 * `Record<string, unknown>` for code that walks any config.
 */
import type { DTypePolicyConfig, Shape } from '@strata/layers';

/** A layer, op or model as `serialize_keras_object` writes it. */
export type SerializedEntry = {
  module: string | null;
  class_name: string;
  config: Record<string, unknown>;
  registered_name: string | null;
  build_config?: BuildConfig;
  /** In a functional config: the layer's name and the calls that made its outputs. */
  name?: string;
  inbound_nodes?: unknown[];
};

/**
 * Keras's `get_build_config`: the input shape `build` ran with (null for a functional model, built by
 * construction), or, for a layer whose call takes several tensors (MultiHeadAttention), Keras's `shapes_dict`.
 */
export type BuildConfig = { input_shape: Shape | Shape[] | null } | { shapes_dict: Record<string, Shape> };

/** A tensor's history in a functional config: [layer name, node index, tensor index]. */
export type KerasHistory = [string, number, number];

export type SequentialConfig = {
  name: string;
  trainable: boolean;
  dtype: DTypePolicyConfig;
  layers: SerializedEntry[];
  build_input_shape?: Shape | Shape[];
};

export type FunctionalConfig = {
  name: string;
  trainable: boolean;
  layers: SerializedEntry[];
  input_layers: KerasHistory | KerasHistory[];
  output_layers: KerasHistory | KerasHistory[];
};

/**
 * A subclassed model's config: Keras's base config (name, trainable, dtype) plus whatever the subclass's
 * getConfig adds, so a user's `getConfig(): Record<string, unknown>` overrides it.
 */
export type SubclassedModelConfig = Record<string, unknown>;

export type ModelConfig = SequentialConfig | FunctionalConfig | SubclassedModelConfig;

/** Keras's `get_compile_config` of a compiled model; `{}` when it is not compiled. */
export type CompileConfig =
  | {
      optimizer: Record<string, unknown>;
      loss: unknown;
      loss_weights: number[] | Record<string, number> | null;
      metrics: unknown;
      weighted_metrics: unknown;
      run_eagerly: boolean;
      steps_per_execution: number;
      jit_compile: boolean;
    }
  | Record<string, never>;

/** `serialize_keras_object(model)`, what `model.toJSON()` writes. */
export type SerializedModel = {
  module: string;
  class_name: string;
  config: ModelConfig;
  registered_name: string | null;
  build_config: BuildConfig;
  compile_config: CompileConfig;
};
