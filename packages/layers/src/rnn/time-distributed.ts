import * as tf from '@tensorflow/tfjs-core';
import { Wrapper } from '../core/wrapper';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { builtInLayers } from '../registry';
import { buildFromEntry, deserializeNestedLayer, type LayerClassRegistry } from './nested-layer';

/**
 * Applies `layer` to every time slice of `[batch, time, ...]` inputs with the
 * same weights (Keras's TimeDistributed). The time axis is folded into the
 * batch, which is the same computation as Keras's loop over the slices for
 * any layer that treats batch entries independently.
 */
export class TimeDistributed extends Wrapper {
  static override className = 'TimeDistributed';

  constructor(layer: Layer, args: LayerArgs = {}) {
    if (!(layer instanceof Layer)) {
      throw new Error(`Please initialize \`TimeDistributed\` layer with a \`Layer\` instance. Received: ${String(layer)}`);
    }
    super(layer, args);
    this.supportsMasking = true;
  }

  private childShape(inputShape: Shape): Shape {
    if (!Array.isArray(inputShape) || inputShape.length < 3) {
      throw new Error(`\`TimeDistributed\` Layer should be passed an \`input_shape\` with at least 3 dimensions, received: ${JSON.stringify(inputShape)}`);
    }
    return [inputShape[0], ...inputShape.slice(2)];
  }

  override build(inputShape: Shape): void {
    this.layer.maybeBuild(this.childShape(inputShape));
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    const [batchSize, timeSteps, ...rest] = input.shape;
    const folded = tf.reshape(input, [batchSize * timeSteps, ...rest]);
    const output = this.layer.apply(folded, { training: options.training }) as tf.Tensor;
    return tf.reshape(output, [batchSize, timeSteps, ...output.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const child = this.layer.computeOutputShape(this.childShape(inputShape)) as Shape;
    return [child[0], inputShape[1], ...child.slice(1)];
  }

  /**
   * The wrapped layer may be any layer, so its class is looked up among all
   * built-in layers (after `registry`): a bundle that rebuilds TimeDistributed
   * from a config includes every layer.
   */
  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): TimeDistributed {
    const layer = deserializeNestedLayer(config.layer, registry, builtInLayers());
    const wrapper = new TimeDistributed(layer, layerArgsFromConfig(config));
    buildFromEntry(wrapper, layer, config.layer);
    return wrapper;
  }
}
