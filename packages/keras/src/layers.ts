/**
 * Keras's `keras.layers`: the layers of @strata/layers (its `namespace`
 * entry, without the engine internals), and Keras's `serialize`/`deserialize`
 * of one layer.
 */
import { type CustomObjects, builtInRegistry } from '@strata/io-h5';
import type { Layer } from '@strata/layers';
import { layerFromEntry, serializeLayer } from '@strata/models';
import { builtInOps } from '@strata/ops';

export * from '@strata/layers/namespace';

/** Keras's `keras.layers.serialize`: {module, class_name, config, registered_name, build_config}. */
export function serialize(layer: Layer): Record<string, unknown> {
  return serializeLayer(layer);
}

/** Keras's `keras.layers.deserialize`: a new layer (or model) from its serialized entry, with the built-in layers and `customObjects`. */
export function deserialize(config: Record<string, unknown>, options: { customObjects?: CustomObjects; safeMode?: boolean } = {}): Layer {
  return layerFromEntry(config, { layers: builtInRegistry(options.customObjects).layers, ops: builtInOps(), safeMode: options.safeMode ?? true });
}
