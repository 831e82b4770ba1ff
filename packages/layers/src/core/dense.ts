import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, activationName, getActivation, serializeActivation } from '../activations';
import { type Constraint, getConstraint, serializeConstraint } from '../constraints';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer } from '../initializers';
import { getRegularizer, type Regularizer, serializeRegularizer } from '../regularizers';
import { type CallOptions, type DenseChainLink, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { LayerConfig } from '../engine/config-types';
import type { Shape } from '../engine/shape';
import type { KerasSerialized } from '../serialization';
import type { LayerVariable } from '../engine/variable';
import { denseAffine } from '@strata/backend';

/** Dense's config as Keras 3 writes it. */
export type DenseConfig = LayerConfig & {
  /** Dimensionality of the output space. */
  units: number;
  /** The activation's Keras name (`'linear'` when none). */
  activation: string;
  /** Whether the layer adds a bias vector. */
  use_bias: boolean;
  /** The kernel's initializer, serialized (default GlorotUniform). */
  kernel_initializer: KerasSerialized;
  /** The bias's initializer, serialized (default Zeros). */
  bias_initializer: KerasSerialized;
  /** The kernel's regularizer, serialized, or null. */
  kernel_regularizer: KerasSerialized | null;
  /** The bias's regularizer, serialized, or null. */
  bias_regularizer: KerasSerialized | null;
  /** The kernel's constraint, serialized, or null. */
  kernel_constraint: KerasSerialized | null;
  /** The bias's constraint, serialized, or null. */
  bias_constraint: KerasSerialized | null;
  /** Keras's quantization config: always null, Strata does not quantize. */
  quantization_config: null;
  /** Written only when one is set. */
  activity_regularizer?: KerasSerialized;
};

export interface DenseArgs extends LayerArgs {
  /** The activation applied to the output, or its Keras name (`'relu'`, `'softmax'`...). Default `null` (linear: `a(x) = x`). */
  activation?: ActivationIdentifier;
  /** Whether the layer adds a bias vector. Default `true`. */
  useBias?: boolean;
  /** Initializer of the kernel matrix. Default `'glorot_uniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the bias vector. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the kernel (for example `regularizers.l2(0.01)` or `'l2'`). Default `null`. */
  kernelRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: Regularizer | string | null;
  /** Constraint applied to the kernel after each update (for example `'max_norm'`). Default `null`. */
  kernelConstraint?: Constraint | string | null;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: Constraint | string | null;
}

/** Activations that tfjs-core can fuse into its matMul + bias kernel. */
const FUSABLE: Record<string, tf.fused.Activation> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  elu: 'elu',
  sigmoid: 'sigmoid',
};

/** Densely connected layer: `activation(inputs · kernel + bias)` on the last axis. */
export class Dense extends Layer {
  static override className = 'Dense';
  readonly units: number;
  readonly activation: ActivationFunction;
  readonly useBias: boolean;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel?: LayerVariable;
  bias?: LayerVariable;
  private readonly fusedActivation: tf.fused.Activation | undefined;

  constructor(units: number, args: DenseArgs = {}) {
    super(args);
    if (!Number.isInteger(units) || units <= 0) {
      throw new Error(`Received an invalid value for \`units\`, expected a positive integer. Received: units=${units}`);
    }
    this.units = units;
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer ? getRegularizer(args.kernelRegularizer) : null;
    this.biasRegularizer = args.biasRegularizer ? getRegularizer(args.biasRegularizer) : null;
    this.activityRegularizer = args.activityRegularizer ? getRegularizer(args.activityRegularizer) : null;
    this.kernelConstraint = args.kernelConstraint ? getConstraint(args.kernelConstraint) : null;
    this.biasConstraint = args.biasConstraint ? getConstraint(args.biasConstraint) : null;
    this.fusedActivation = FUSABLE[activationName(this.activation) ?? ''];
    this.inputSpec = { minNdim: 2 };
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    const inputDim = inputShape[inputShape.length - 1];
    if (inputDim === null) {
      throw new Error(`Layer "${this.name}" needs a known last input dimension to build; received shape with None last.`);
    }
    this.kernel = this.addWeight('kernel', {
      shape: [inputDim, this.units],
      initializer: this.kernelInitializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (this.useBias) {
      this.bias = this.addWeight('bias', {
        shape: [this.units],
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = { minNdim: 2, axes: { [-1]: inputDim } };
  }

  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor {
    const input = inputs as tf.Tensor;
    const kernel = this.kernel!.read();
    const bias = this.bias?.read();
    const rank = input.rank;
    // tfjs's matMul wants rank 2; Keras's Dense contracts the last axis of any rank.
    const flat = rank === 2 ? input : tf.reshape(input, [-1, input.shape[rank - 1]]);
    let output: tf.Tensor;
    if (options.training) {
      // Training goes through Strata's Dense op: fused forward, lazy gradients in the backend's fast layout (@strata/backend's denseAffine).
      const fuseRelu = this.fusedActivation === 'relu';
      const affine = denseAffine(flat as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D | undefined, fuseRelu ? 'relu' : 'linear');
      output = fuseRelu ? affine : this.activation(affine);
    } else if (this.fusedActivation) {
      output = tf.fused.matMul({ a: flat as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation: this.fusedActivation });
    } else {
      const product = tf.matMul(flat as tf.Tensor2D, kernel as tf.Tensor2D);
      output = this.activation(bias ? tf.add(product, bias) : product);
    }
    if (rank !== 2) output = tf.reshape(output, [...input.shape.slice(0, -1), this.units]);
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  /**
   * A plain Dense (not a subclass, which may override `call`) of float32
   * weights, without regularizers, whose penalties and activity losses the
   * chain leaves to the tape.
   */
  override denseChainLink(): DenseChainLink | null {
    if (this.constructor !== Dense || !this.built || this.dtype !== 'float32') return null;
    if (this.kernelRegularizer || this.biasRegularizer || this.activityRegularizer) return null;
    // The activations the training path (`call`) fuses into the product; others run after the chain.
    const fused = this.fusedActivation === 'relu' || this.fusedActivation === 'linear' ? this.fusedActivation : null;
    return { kind: 'dense', kernel: this.kernel!, bias: this.bias, fused, activation: this.activation };
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape.slice(0, -1), this.units];
  }

  override getConfig(): DenseConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      units: this.units,
      activation: serializeActivation(this.activation, this.name),
      use_bias: this.useBias,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: this.kernelRegularizer ? serializeRegularizer(this.kernelRegularizer) : null,
      bias_regularizer: this.biasRegularizer ? serializeRegularizer(this.biasRegularizer) : null,
      kernel_constraint: this.kernelConstraint ? serializeConstraint(this.kernelConstraint) : null,
      bias_constraint: this.biasConstraint ? serializeConstraint(this.biasConstraint) : null,
      quantization_config: null,
      // Keras writes activity_regularizer only when one is set.
      ...(this.activityRegularizer ? { activity_regularizer: serializeRegularizer(this.activityRegularizer) } : {}),
    };
  }

  static fromConfig(config: Record<string, unknown>): Dense {
    return new Dense(config.units as number, {
      ...layerArgsFromConfig(config),
      activation: config.activation as string,
      useBias: config.use_bias as boolean | undefined,
      kernelInitializer: config.kernel_initializer as InitializerIdentifier,
      biasInitializer: config.bias_initializer as InitializerIdentifier,
      kernelRegularizer: config.kernel_regularizer ? getRegularizer(config.kernel_regularizer as never) : null,
      biasRegularizer: config.bias_regularizer ? getRegularizer(config.bias_regularizer as never) : null,
      activityRegularizer: config.activity_regularizer ? getRegularizer(config.activity_regularizer as never) : null,
      kernelConstraint: config.kernel_constraint ? getConstraint(config.kernel_constraint as never) : null,
      biasConstraint: config.bias_constraint ? getConstraint(config.bias_constraint as never) : null,
    });
  }
}
