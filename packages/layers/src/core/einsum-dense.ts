import { einsum } from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, type ActivationIdentifier, getActivation, serializeActivation } from '../activations';
import { type Constraint, getConstraint, serializeConstraint } from '../constraints';
import type { LayerConfig } from '../engine/config-types';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { getInitializer, type Initializer, type InitializerIdentifier, serializeInitializer, VarianceScaling } from '../initializers';
import { getRegularizer, type Regularizer, serializeRegularizer } from '../regularizers';
import type { KerasSerialized } from '../serialization';
import { analyzeEinsum } from './einsum-shapes';

/** EinsumDense's config as Keras 3 writes it. */
export type EinsumDenseConfig = LayerConfig & {
  /** The output shape without the batch axis and the ellipsis's axes; `null` where the input decides. */
  output_shape: Array<number | null>;
  /** The einsum equation, e.g. `ab,bc->ac`. */
  equation: string;
  /** The activation's Keras name (`'linear'` when none). */
  activation: string;
  /** Output labels that carry a bias, or null for none. */
  bias_axes: string | null;
  /** The kernel's initializer, serialized. */
  kernel_initializer: KerasSerialized;
  /** The bias's initializer, serialized. */
  bias_initializer: KerasSerialized;
  /** The kernel's regularizer, serialized, or null. */
  kernel_regularizer: KerasSerialized | null;
  /** The bias's regularizer, serialized, or null. */
  bias_regularizer: KerasSerialized | null;
  /** The output's regularizer, serialized, or null. */
  activity_regularizer: KerasSerialized | null;
  /** The kernel's constraint, serialized, or null. */
  kernel_constraint: KerasSerialized | null;
  /** The bias's constraint, serialized, or null. */
  bias_constraint: KerasSerialized | null;
  /** Keras's quantization config: always null, Strata does not quantize. */
  quantization_config: null;
};

export interface EinsumDenseArgs extends LayerArgs {
  /** The activation applied to the output, or its Keras name. Default `null` (linear). */
  activation?: ActivationIdentifier;
  /** The output labels that get a bias (`'d'`, `'hd'`...). Default `null` (no bias). */
  biasAxes?: string | null;
  /** Initializer of the kernel. Default `'glorot_uniform'`, its fans counted over the equation's input and output axes. */
  kernelInitializer?: InitializerIdentifier;
  /** Initializer of the bias. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Regularizer applied to the kernel. Default `null`. */
  kernelRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the bias. Default `null`. */
  biasRegularizer?: Regularizer | string | null;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: Regularizer | string | null;
  /** Constraint applied to the kernel after each update. Default `null`. */
  kernelConstraint?: Constraint | string | null;
  /** Constraint applied to the bias after each update. Default `null`. */
  biasConstraint?: Constraint | string | null;
}

/**
 * A dense layer written as an einsum (Keras's EinsumDense): `activation(einsum(equation, inputs, kernel) + bias)`,
 * e.g. `new EinsumDense('abc,cde->abde', [null, 4, 8], { biasAxes: 'de' })` projects a sequence into 4 heads of 8.
 */
export class EinsumDense extends Layer {
  static override className = 'EinsumDense';
  readonly equation: string;
  readonly partialOutputShape: Array<number | null>;
  readonly biasAxes: string | null;
  readonly activation: ActivationFunction;
  readonly kernelInitializer: Initializer;
  readonly biasInitializer: Initializer;
  readonly kernelRegularizer: Regularizer | null;
  readonly biasRegularizer: Regularizer | null;
  readonly activityRegularizer: Regularizer | null;
  readonly kernelConstraint: Constraint | null;
  readonly biasConstraint: Constraint | null;
  kernel?: LayerVariable;
  bias?: LayerVariable;

  constructor(equation: string, outputShape: number | Array<number | null>, args: EinsumDenseArgs = {}) {
    super(args);
    if (typeof equation !== 'string') throw new Error(`EinsumDense expects \`equation\` as a string; received ${JSON.stringify(equation)}.`);
    this.equation = equation;
    this.partialOutputShape = typeof outputShape === 'number' ? [outputShape] : [...outputShape];
    this.biasAxes = args.biasAxes ?? null;
    this.activation = getActivation(args.activation);
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorot_uniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = args.kernelRegularizer ? getRegularizer(args.kernelRegularizer) : null;
    this.biasRegularizer = args.biasRegularizer ? getRegularizer(args.biasRegularizer) : null;
    this.activityRegularizer = args.activityRegularizer ? getRegularizer(args.activityRegularizer) : null;
    this.kernelConstraint = args.kernelConstraint ? getConstraint(args.kernelConstraint) : null;
    this.biasConstraint = args.biasConstraint ? getConstraint(args.biasConstraint) : null;
  }

  override build(inputShape: Shape): void {
    const { kernelShape, biasShape, inputAxes, outputAxes } = analyzeEinsum(this.equation, this.biasAxes, inputShape, this.partialOutputShape);
    let initializer = this.kernelInitializer;
    // Keras counts a VarianceScaling kernel's fans over the equation's axes, not the kernel's last two.
    if (initializer instanceof VarianceScaling && (initializer.inputAxes === null || initializer.outputAxes === null)) {
      const { config } = serializeInitializer(initializer) as { config: Record<string, unknown> };
      initializer = getInitializer({
        module: 'keras.initializers',
        class_name: initializer.className,
        config: { ...config, input_axes: inputAxes, output_axes: outputAxes },
        registered_name: null,
      });
    }
    this.kernel = this.addWeight('kernel', {
      shape: kernelShape,
      initializer,
      regularizer: this.kernelRegularizer,
      constraint: this.kernelConstraint,
    });
    if (biasShape) {
      this.bias = this.addWeight('bias', {
        shape: biasShape,
        initializer: this.biasInitializer,
        regularizer: this.biasRegularizer,
        constraint: this.biasConstraint,
      });
    }
    this.inputSpec = { ndim: inputShape.length };
  }

  override call(inputs: Tensors, _options: CallOptions = {}): tf.Tensor {
    const product = einsum(this.equation, inputs as tf.Tensor, this.kernel!.read()) as tf.Tensor;
    const bias = this.bias?.read();
    const output = this.activation(bias ? tf.add(product, bias) : product);
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return output;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return analyzeEinsum(this.equation, this.biasAxes, inputShape, this.partialOutputShape).outputShape;
  }

  override getConfig(): EinsumDenseConfig {
    return {
      ...(super.getConfig() as LayerConfig),
      output_shape: [...this.partialOutputShape],
      equation: this.equation,
      activation: serializeActivation(this.activation, this.name),
      bias_axes: this.biasAxes,
      kernel_initializer: serializeInitializer(this.kernelInitializer),
      bias_initializer: serializeInitializer(this.biasInitializer),
      kernel_regularizer: this.kernelRegularizer ? serializeRegularizer(this.kernelRegularizer) : null,
      bias_regularizer: this.biasRegularizer ? serializeRegularizer(this.biasRegularizer) : null,
      activity_regularizer: this.activityRegularizer ? serializeRegularizer(this.activityRegularizer) : null,
      kernel_constraint: this.kernelConstraint ? serializeConstraint(this.kernelConstraint) : null,
      bias_constraint: this.biasConstraint ? serializeConstraint(this.biasConstraint) : null,
      quantization_config: null,
    };
  }

  static fromConfig(config: Record<string, unknown>): EinsumDense {
    const optional = (value: unknown) => (value ? (value as never) : null);
    return new EinsumDense(config.equation as string, config.output_shape as number | Array<number | null>, {
      ...layerArgsFromConfig(config),
      activation: config.activation as string | undefined,
      biasAxes: (config.bias_axes ?? null) as string | null,
      kernelInitializer: config.kernel_initializer as InitializerIdentifier,
      biasInitializer: config.bias_initializer as InitializerIdentifier,
      kernelRegularizer: optional(config.kernel_regularizer),
      biasRegularizer: optional(config.bias_regularizer),
      activityRegularizer: optional(config.activity_regularizer),
      kernelConstraint: optional(config.kernel_constraint),
      biasConstraint: optional(config.bias_constraint),
    });
  }
}
