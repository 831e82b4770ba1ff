import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { builtInLayers } from '../registry';
import { deserializeNestedLayer, type LayerClassRegistry, serializeNestedLayer } from '../rnn/nested-layer';

export interface PipelineArgs {
  /** The layer's name. Default: a unique `pipeline_N`. */
  name?: string;
}

/**
 * Applies a list of layers in order (Keras 3's Pipeline), typically
 * preprocessing and augmentation layers: unlike a Sequential model it is a
 * plain layer, with no inputs, compile or fit of its own. `training` is passed
 * to every layer; left out, it means inference, as for every Strata layer
 * (Keras's Pipeline.call defaults to training=True): pass `{ training: true }`
 * to augment outside `fit`.
 */
export class Pipeline extends Layer {
  static override className = 'Pipeline';
  readonly layers: Layer[];

  constructor(layers: Layer[], args: PipelineArgs = {}) {
    super({ name: args.name });
    if (!Array.isArray(layers) || !layers.every((layer) => layer instanceof Layer)) {
      throw new Error(`Pipeline expects a list of layers; received ${String(layers)}.`);
    }
    this.layers = [...layers];
  }

  override build(inputShape: Shape): void {
    let shape = inputShape;
    for (const layer of this.layers) {
      layer.maybeBuild(shape);
      shape = layer.computeOutputShape(shape) as Shape;
    }
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      let outputs = inputs;
      for (const layer of this.layers) outputs = layer.apply(outputs, { training: options.training });
      return outputs;
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return this.layers.reduce((shape, layer) => layer.computeOutputShape(shape) as Shape, inputShape);
  }

  /** Keras's config: the serialized layers and the name, nothing else. */
  override getConfig(): Record<string, unknown> {
    return { layers: this.layers.map((layer) => serializeNestedLayer(layer)), name: this.name };
  }

  /** The layers are looked up among the built-in layers, after `registry` (custom layers). */
  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): Pipeline {
    const layers = config.layers;
    if (!Array.isArray(layers)) {
      throw new Error(`\`Pipeline\` config must contain a \`layers\` key mapping to a list of serialized layers. Received config with layers=${JSON.stringify(layers)}.`);
    }
    const known = builtInLayers();
    return new Pipeline(
      layers.map((entry) => deserializeNestedLayer(entry, registry, known)),
      { name: config.name as string | undefined },
    );
  }
}
