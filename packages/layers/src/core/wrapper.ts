import { Layer, type LayerArgs } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { serializeNestedLayer } from '../rnn/nested-layer';

/**
 * Keras's abstract Wrapper: a layer that holds another and changes how it is applied (TimeDistributed,
 * SpectralNormalization). It builds the wrapped layer with its own input shape unless a subclass says
 * otherwise, and writes it as Keras's `layer` config entry. Not a layer to use on its own.
 */
export abstract class Wrapper extends Layer {
  static override className = 'Wrapper';
  readonly layer: Layer;

  constructor(layer: Layer, args: LayerArgs = {}) {
    super(args);
    if (!(layer instanceof Layer)) {
      throw new Error(`Layer ${String(layer)} supplied to Wrapper isn't a supported layer type. Please ensure wrapped layer is a valid Keras layer.`);
    }
    this.layer = layer;
  }

  override build(inputShape: Shape | Shape[]): void {
    this.layer.maybeBuild(inputShape);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), layer: serializeNestedLayer(this.layer) };
  }
}
