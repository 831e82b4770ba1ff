/**
 * TypeScript types of the configs Keras writes, as tfjs-layers' `keras_format`
 * did: snake_case, exactly the keys Keras 3 writes. Type aliases (not
 * interfaces), so that a typed config is still a `Record<string, unknown>` for
 * code that walks any config.
 */

/** Keras 3's dtype policy entry, written in every layer config. */
export type DTypePolicyConfig = {
  module: 'keras';
  class_name: 'DTypePolicy';
  config: { name: string };
  registered_name: null;
};

/** The keys every layer's config starts with (Keras's `Layer.get_config`). */
export type LayerConfig = {
  name: string;
  trainable: boolean;
  dtype: DTypePolicyConfig;
};
