import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

/**
 * Test support: the layer harness feeds one tensor, and merge layers take a
 * list. ListInput splits its input `[batch, count, ...]` along axis 1 into
 * `count` tensors and calls the merge layer on them; its config is the merge
 * layer's, so the harness's config round trip checks the merge layer.
 */
export class ListInput extends Layer {
  static override className = 'ListInput';

  constructor(readonly inner: Layer) {
    super({});
  }

  override call(inputs: Tensors, options?: CallOptions): tf.Tensor {
    return this.inner.apply(tf.unstack(inputs as tf.Tensor, 1), options) as tf.Tensor;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const count = inputShape[1] as number;
    const piece = [inputShape[0], ...inputShape.slice(2)];
    return this.inner.computeOutputShape(Array.from({ length: count }, () => piece)) as Shape;
  }

  override getConfig(): Record<string, unknown> {
    return this.inner.getConfig();
  }

  /** A factory of ListInput from a merge layer's config, for the harness's `fromConfig`. */
  static fromConfigOf(rebuild: (config: Record<string, unknown>) => Layer): (config: Record<string, unknown>) => Layer {
    return (config) => new ListInput(rebuild(config));
  }
}
