import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import { formatShape, type Shape } from '../engine/shape';

/**
 * Keras's Merge: a layer called on a list of tensors that combines them
 * element-wise. Inputs of lower rank get unit axes after the batch axis so
 * that all broadcast together, as Keras's `_merge_function` does.
 */
export abstract class Merge extends Layer {
  constructor(args: LayerArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Combines two tensors; the list is folded left to right. */
  protected abstract mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor;

  protected finish(result: tf.Tensor, _count: number): tf.Tensor {
    return result;
  }

  protected assertInputList(inputs: Tensors | Shape | Shape[], minimum = 1): void {
    if (!Array.isArray(inputs) || inputs.length < minimum || !(inputs[0] instanceof tf.Tensor || Array.isArray(inputs[0]))) {
      throw new Error(
        `A merge layer should be called on a list of at least ${minimum} input${minimum === 1 ? '' : 's'}. Layer "${this.name}" received: ${
          inputs instanceof tf.Tensor ? `a single tensor of shape ${formatShape(inputs.shape)}` : String(inputs)
        }`,
      );
    }
  }

  override build(inputShape: Shape | Shape[]): void {
    this.assertInputList(inputShape);
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    this.assertInputList(inputs);
    const list = inputs as tf.Tensor[];
    const rank = Math.max(...list.map((t) => t.rank));
    const aligned = list.map((t) => {
      let result = t;
      while (result.rank < rank) result = tf.expandDims(result, 1);
      return result;
    });
    return this.finish(aligned.slice(1).reduce((total, t) => this.mergePair(total, t), aligned[0]), aligned.length);
  }

  /**
   * Keras's `_compute_elemwise_op_output_shape` over the list: lower ranks get unit axes after the batch axis,
   * an unknown size on either side stays unknown, a size of 1 broadcasts, other sizes must agree.
   */
  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    this.assertInputList(inputShape);
    const shapes = inputShape as Shape[];
    const rank = Math.max(...shapes.map((s) => s.length));
    const aligned = shapes.map((s) => [s[0], ...new Array<number>(rank - s.length).fill(1), ...s.slice(1)]);
    return aligned.reduce((total, shape) =>
      total.map((a, i) => {
        const b = shape[i];
        if (a === null || b === null) return a === 1 ? b : b === 1 ? a : null;
        if (a === 1) return b;
        if (b === 1 || a === b) return a;
        throw new Error(
          `Layer "${this.name}" cannot merge inputs of shapes ${shapes.map((x) => formatShape(x)).join(', ')}: axis ${i} has sizes ${a} and ${b}.`,
        );
      }),
    );
  }

  /** Merges the masks (Keras: a position is kept when any input keeps it). */
  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    if (!Array.isArray(mask)) return (mask as tf.Tensor | null | undefined) ?? null;
    const present = mask.filter((m): m is tf.Tensor => m !== null);
    if (present.length === 0) return null;
    return present.slice(1).reduce((total, m) => tf.logicalOr(total, tf.cast(m, 'bool')), tf.cast(present[0], 'bool'));
  }
}
