import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { Merge } from './base-merge';

export interface DotArgs extends LayerArgs {
  /** L2-normalize both inputs along their axes first, giving the cosine proximity. */
  normalize?: boolean;
}

/** Keras's l2_normalize: x / sqrt(max(sum(x^2), 1e-12)). */
function l2Normalize(x: tf.Tensor, axis: number): tf.Tensor {
  return tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), axis, true), 1e-12)));
}

/**
 * Keras's batch_dot: for each sample, contracts axis `axes[0]` of x with axis
 * `axes[1]` of y. The result keeps x's other axes, then y's; a result with no
 * axis left but the batch gets a trailing axis of 1.
 */
export function batchDot(x: tf.Tensor, y: tf.Tensor, axes: [number, number]): tf.Tensor {
  const [xAxis, yAxis] = axes;
  const xOthers = x.shape.map((_, i) => i).filter((i) => i !== 0 && i !== xAxis);
  const yOthers = y.shape.map((_, i) => i).filter((i) => i !== 0 && i !== yAxis);
  const batch = x.shape[0];
  const contracted = x.shape[xAxis];
  const xRest = xOthers.map((i) => x.shape[i]);
  const yRest = yOthers.map((i) => y.shape[i]);
  const size = (dims: number[]) => dims.reduce((a, b) => a * b, 1);
  const left = tf.reshape(tf.transpose(x, [0, ...xOthers, xAxis]), [batch, size(xRest), contracted]) as tf.Tensor3D;
  const right = tf.reshape(tf.transpose(y, [0, yAxis, ...yOthers]), [batch, contracted, size(yRest)]) as tf.Tensor3D;
  const product = tf.matMul(left, right);
  const outputShape = [batch, ...xRest, ...yRest];
  return tf.reshape(product, outputShape.length === 1 ? [batch, 1] : outputShape);
}

/** Keras's Dot: the per-sample dot product of two tensors along `axes`. */
export class Dot extends Merge {
  static override className = 'Dot';
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(axes: number | [number, number], args: DotArgs = {}) {
    super(args);
    if (!(typeof axes === 'number' || (Array.isArray(axes) && axes.length === 2))) {
      throw new Error(`Invalid format for argument \`axes\`: list should contain only integers and have length 2. Received: axes=${JSON.stringify(axes)}`);
    }
    this.axes = typeof axes === 'number' ? axes : [axes[0], axes[1]];
    this.normalize = args.normalize ?? false;
    this.supportsMasking = false;
  }

  protected override mergePair(left: tf.Tensor, right: tf.Tensor): tf.Tensor {
    return batchDot(left, right, this.resolveAxes(left.rank, right.rank));
  }

  private resolveAxes(leftRank: number, rightRank: number): [number, number] {
    const pair = typeof this.axes === 'number' ? [this.axes, this.axes] : this.axes;
    // Python's modulo: a negative axis counts from the end of its own input.
    return [((pair[0] % leftRank) + leftRank) % leftRank, ((pair[1] % rightRank) + rightRank) % rightRank];
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    this.assertInputList(inputs, 2);
    const list = inputs as tf.Tensor[];
    if (list.length !== 2) throw new Error(`A \`Dot\` layer should be called on exactly 2 inputs. Received: ${list.length} inputs.`);
    let [left, right] = list;
    const axes = this.resolveAxes(left.rank, right.rank);
    if (left.shape[axes[0]] !== right.shape[axes[1]]) {
      throw new Error(
        `Incompatible input shapes: axis values ${left.shape[axes[0]]} (at axis ${axes[0]}) != ${right.shape[axes[1]]} (at axis ${axes[1]}). Full input shapes: ${JSON.stringify(left.shape)}, ${JSON.stringify(right.shape)}`,
      );
    }
    if (this.normalize) {
      left = l2Normalize(left, axes[0]);
      right = l2Normalize(right, axes[1]);
    }
    return batchDot(left, right, axes);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const [left, right] = inputShape as Shape[];
    const [leftAxis, rightAxis] = this.resolveAxes(left.length, right.length);
    const output = [
      left[0],
      ...left.filter((_, i) => i !== 0 && i !== leftAxis),
      ...right.filter((_, i) => i !== 0 && i !== rightAxis),
    ];
    return output.length === 1 ? [left[0], 1] : output;
  }

  override computeMask(): null {
    return null;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), axes: this.axes, normalize: this.normalize };
  }

  static fromConfig(config: Record<string, unknown>): Dot {
    return new Dot(config.axes as number | [number, number], {
      ...layerArgsFromConfig(config),
      normalize: config.normalize as boolean,
    });
  }
}
