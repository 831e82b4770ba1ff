/**
 * TypeScript types of the configs Keras writes, as tfjs-layers' `keras_format`
 * did: snake_case, exactly the keys Keras 3 writes. Type aliases (not
 * interfaces), so that a typed config is still a `Record<string, unknown>` for
 * code that walks any config.
 */

/** Keras 3's dtype policy entry, written in every layer config. */
export type DTypePolicyConfig = {
  /** Always `'keras'`: the policy class is public Keras. */
  module: 'keras';
  /** Always `'DTypePolicy'`. */
  class_name: 'DTypePolicy';
  /** The policy's name: the compute and variable dtype, `'float32'` by default. */
  config: { name: string };
  /** Always null: a built-in class has no registered name. */
  registered_name: null;
};

/** The keys every layer's config starts with (Keras's `Layer.get_config`). */
export type LayerConfig = {
  /** The layer's name, unique in its model. */
  name: string;
  /** Whether the layer's weights are updated by training. */
  trainable: boolean;
  /** The layer's dtype policy. */
  dtype: DTypePolicyConfig;
};
