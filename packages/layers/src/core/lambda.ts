import type * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import { type Shape, isShapeList } from '../engine/shape';

/** The function a Lambda layer wraps: tensors in, tensors out; `args` are the layer's `arguments`. */
export type LambdaFunction = (inputs: Tensors, args: Record<string, unknown>) => Tensors;

export interface LambdaArgs extends LayerArgs {
  /**
   * The output shape without the batch axis, or a function of the input shape
   * (batch axis included) as Keras's `output_shape`. When absent the shape is
   * found by running the function once on zeros, unknown sizes set to 1.
   */
  outputShape?: Shape | ((inputShape: Shape | Shape[]) => Shape | Shape[]);
  /** The output mask: a fixed tensor, or a function of the inputs and their mask (Keras's `mask`). */
  mask?: tf.Tensor | ((inputs: Tensors, mask: CallOptions['mask']) => tf.Tensor | null);
  /** Extra keyword arguments passed to the function on each call (Keras's `arguments`). */
  arguments?: Record<string, unknown>;
}

/**
 * Keras's Lambda: wraps a TypeScript function as a layer, for quick
 * experiments in a model built in code. It is never written to or read from a
 * Keras file: Keras writes a Lambda as Python bytecode, which Strata neither
 * writes nor runs, so `getConfig` refuses and loading a file that holds a Lambda
 * is refused as before. Use a custom layer class for a model that must be saved.
 */
export class Lambda extends Layer {
  static override className = 'Lambda';
  readonly fn: LambdaFunction;
  readonly options: LambdaArgs;

  constructor(fn: LambdaFunction, args: LambdaArgs = {}) {
    super(args);
    if (typeof fn !== 'function') {
      throw new Error(`Lambda layer "${this.name}" needs a function; received ${Object.prototype.toString.call(fn)}.`);
    }
    this.fn = fn;
    this.options = { ...args };
    this.supportsMasking = args.mask !== undefined;
    this.hasBuildConfig = false;
  }

  override call(inputs: Tensors, _options?: CallOptions): Tensors {
    return this.fn(inputs, this.options.arguments ?? {});
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const given = this.options.outputShape;
    if (given === undefined) return super.computeOutputShape(inputShape);
    if (typeof given === 'function') return given(inputShape);
    const batch = isShapeList(inputShape) ? (inputShape[0]?.[0] ?? null) : (inputShape[0] ?? null);
    return [batch, ...given];
  }

  override computeMask(inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | null {
    const given = this.options.mask;
    if (given === undefined) return null;
    return typeof given === 'function' ? given(inputs, mask) : given;
  }

  /** Refuses: a TypeScript function has no Keras config (Keras writes Python bytecode, which no Keras file should carry). */
  override getConfig(): Record<string, unknown> {
    throw new Error(
      `Lambda layer "${this.name}" wraps a TypeScript function, which cannot be written to a Keras config or file; replace it with a custom layer class (with getConfig and fromConfig) to save or serialize the model.`,
    );
  }
}
