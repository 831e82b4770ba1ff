import * as tf from '@tensorflow/tfjs-core';
import type { Constraint } from '../constraints';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, serializeInitializer } from '../initializers';
import type { Regularizer } from '../regularizers';

export interface HeadProjectionArgs extends LayerArgs {
  /** How many trailing input axes the kernel contracts (1 for the q/k/v projections, 2 for the output one). */
  contractedAxes: number;
  /** The kernel's trailing (output) axes, e.g. [numHeads, keyDim]. */
  outputDims: number[];
  useBias: boolean;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  kernelRegularizer: Regularizer | null;
  biasRegularizer: Regularizer | null;
  activityRegularizer: Regularizer | null;
  kernelConstraint: Constraint | null;
  biasConstraint: Constraint | null;
  /** Applied to the projection (MultiHeadAttention's gate is a sigmoid); default none. */
  activation?: (x: tf.Tensor) => tf.Tensor;
}

/**
 * The EinsumDense projections inside MultiHeadAttention, with Keras's weight
 * layout: kernel `[...contracted input axes, ...outputDims]`, bias
 * `[...outputDims]`. Computed as one matrix product on flattened axes.
 * Internal to MultiHeadAttention (Keras does not serialize these sub-layers).
 */
export class HeadProjection extends Layer {
  static override className = 'EinsumDense';
  readonly contractedAxes: number;
  readonly outputDims: number[];
  readonly useBias: boolean;
  private readonly options: HeadProjectionArgs;
  kernel?: LayerVariable;
  bias?: LayerVariable;

  constructor(args: HeadProjectionArgs) {
    super(args);
    this.contractedAxes = args.contractedAxes;
    this.outputDims = args.outputDims;
    this.useBias = args.useBias;
    this.options = args;
  }

  override build(inputShape: Shape): void {
    const contracted = inputShape.slice(-this.contractedAxes) as number[];
    // Each projection gets its own initializer instance, as Keras clones them from their config.
    const copy = (initializer: Initializer) => getInitializer(serializeInitializer(initializer));
    this.kernel = this.addWeight('kernel', {
      shape: [...contracted, ...this.outputDims],
      initializer: copy(this.options.kernelInitializer),
      regularizer: this.options.kernelRegularizer,
      constraint: this.options.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: this.outputDims,
        initializer: copy(this.options.biasInitializer),
        regularizer: this.options.biasRegularizer,
        constraint: this.options.biasConstraint,
      });
    }
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const kept = input.shape.slice(0, input.rank - this.contractedAxes);
    const inner = input.shape.slice(input.rank - this.contractedAxes).reduce((a, b) => a * b, 1);
    const outer = this.outputDims.reduce((a, b) => a * b, 1);
    let flat = tf.matMul(tf.reshape(input, [-1, inner]) as tf.Tensor2D, tf.reshape(this.kernel!.read(), [inner, outer]) as tf.Tensor2D);
    if (this.bias) flat = tf.add(flat, tf.reshape(this.bias.read(), [outer]));
    let output = tf.reshape(flat, [...kept, ...this.outputDims]);
    if (this.options.activation) output = this.options.activation(output);
    if (this.options.activityRegularizer) this.addLoss(this.options.activityRegularizer.call(output));
    return output;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, inputShape.length - this.contractedAxes), ...this.outputDims];
  }
}
