import type * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { SymbolicTensor } from '../engine/symbolic-tensor';

export interface InputLayerArgs {
  /** Shape of one sample, without the batch dimension. */
  shape?: Shape;
  /** A fixed batch size for the input. Default `null` (any). */
  batchSize?: number | null;
  /** Shape with the batch dimension (Keras 3's `batch_shape`). */
  batchShape?: Shape;
  /** The dtype of the input tensor. Default `'float32'`. */
  dtype?: tf.DataType;
  /** The input's name, used as the key of dictionary inputs and in the saved model. Default `input_layer` with a counter. */
  name?: string;
}

/** The entry point of a functional model: holds the symbolic input tensor. */
export class InputLayer extends Layer {
  static override className = 'InputLayer';
  readonly batchShape: Shape;
  readonly output: SymbolicTensor;

  constructor(args: InputLayerArgs = {}) {
    super({ name: args.name });
    if (args.batchShape) this.batchShape = [...args.batchShape];
    else if (args.shape) this.batchShape = [args.batchSize ?? null, ...args.shape];
    else throw new Error(`InputLayer "${this.name}" needs a shape (or batchShape).`);
    this.dtype = args.dtype ?? 'float32';
    this.batchInputShape = this.batchShape;
    this.built = true;
    this.output = new SymbolicTensor(this.batchShape, this.dtype, this, 0, 0, this.name);
    this.inboundNodes.push({ operation: this, inputs: [], outputs: [this.output], args: [], kwargs: {} });
  }

  override call(inputs: Tensors, _options?: CallOptions): Tensors {
    return inputs;
  }

  override computeOutputShape(): Shape {
    return this.batchShape;
  }

  override getConfig(): Record<string, unknown> {
    return { batch_shape: this.batchShape, dtype: this.dtype, sparse: false, ragged: false, name: this.name, optional: false };
  }

  static fromConfig(config: Record<string, unknown>): InputLayer {
    const batchShape = (config.batch_shape ?? config.batch_input_shape) as Shape | undefined;
    return new InputLayer({
      batchShape,
      shape: batchShape ? undefined : (config.input_shape as Shape),
      dtype: (config.dtype as tf.DataType | undefined) ?? 'float32',
      name: config.name as string | undefined,
    });
  }
}

/** Keras's `Input(shape)`: a symbolic tensor to build a functional model from. */
export function Input(args: InputLayerArgs): SymbolicTensor {
  return new InputLayer(args).output;
}
