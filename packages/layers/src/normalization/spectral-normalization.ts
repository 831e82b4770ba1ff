import * as tf from '@tensorflow/tfjs-core';
import { Wrapper } from '../core/wrapper';
import { type CallOptions, type Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import type { LayerVariable } from '../engine/variable';
import { TruncatedNormal } from '../initializers';
import { builtInLayers } from '../registry';
import { buildFromEntry, deserializeNestedLayer, type LayerClassRegistry } from '../rnn/nested-layer';

export interface SpectralNormalizationArgs extends LayerArgs {
  /** Power-iteration steps per training call that estimate the kernel's largest singular value. Default `1`. */
  powerIterations?: number;
}

/** Keras's backend epsilon: the floor of a norm in ops.normalize. */
const EPSILON = 1e-7;

/** `x / max(‖x‖, epsilon)` over all of x (Keras's ops.normalize with axis=None). */
const normalize = (x: tf.Tensor) => tf.mul(x, tf.minimum(tf.rsqrt(tf.sum(tf.square(x))), 1 / EPSILON));

/**
 * Spectral normalization of a layer's kernel (Keras's SpectralNormalization, Miyato et al. 2018): in a
 * training call, `powerIterations` steps of the power method refine the non-trainable `vector_u` towards
 * the kernel's top singular vector, and the kernel is divided in place by the estimated singular value
 * before the wrapped layer runs. Outside training the layer runs with its kernel as it is.
 */
export class SpectralNormalization extends Wrapper {
  static override className = 'SpectralNormalization';
  readonly powerIterations: number;
  kernel?: LayerVariable;
  vectorU?: LayerVariable;

  constructor(layer: Layer, args: SpectralNormalizationArgs = {}) {
    super(layer, args);
    const powerIterations = args.powerIterations ?? 1;
    if (!(powerIterations > 0)) {
      throw new Error(`\`power_iterations\` should be greater than zero. Received: \`power_iterations=${powerIterations}\``);
    }
    this.powerIterations = powerIterations;
  }

  override build(inputShape: Shape): void {
    super.build(inputShape);
    this.inputSpec = { minNdim: 1, axes: { [-1]: inputShape[inputShape.length - 1] as number } };
    const wrapped = this.layer as Layer & { kernel?: LayerVariable; embeddings?: LayerVariable };
    const kernel = wrapped.kernel ?? wrapped.embeddings;
    if (!kernel) throw new Error(`${this.layer.className} object has no attribute 'kernel' nor 'embeddings'`);
    this.kernel = kernel;
    this.vectorU = this.addWeight('vector_u', {
      shape: [1, kernel.shape[kernel.shape.length - 1]],
      initializer: new TruncatedNormal({ stddev: 0.02 }),
      trainable: false,
    });
  }

  /** Keras's order: the kernel (which Keras tracks on the wrapper too), vector_u, then the wrapped layer's others. */
  override get weights(): LayerVariable[] {
    const inner = this.layer.weights;
    if (!this.kernel || !this.vectorU) return inner;
    return [this.kernel, this.vectorU, ...inner.filter((weight) => weight !== this.kernel)];
  }

  /** Keras tracks the wrapped kernel on the wrapper too (`self.kernel`), so a .keras file saves it in both groups. */
  trackedChildVariables(): LayerVariable[] {
    return this.kernel ? [this.kernel] : [];
  }

  override call(inputs: Tensors, options: CallOptions = {}): Tensors {
    if (options.training) {
      const [vectorU, kernel] = this.normalizedWeights();
      this.vectorU!.assign(vectorU);
      this.kernel!.assign(kernel);
    }
    return this.layer.apply(inputs, options);
  }

  /**
   * The refined `vector_u` and the kernel divided by its estimated top singular value; both unchanged when
   * the kernel is all zeros (Keras's guard against 0 / 0).
   */
  normalizedWeights(): [tf.Tensor, tf.Tensor] {
    const kernel = this.kernel!.read();
    const weights = tf.reshape(kernel, [-1, kernel.shape[kernel.rank - 1]]) as tf.Tensor2D;
    let vectorU = this.vectorU!.read() as tf.Tensor2D;
    let vectorV = vectorU;
    for (let i = 0; i < this.powerIterations; i++) {
      vectorV = normalize(tf.matMul(vectorU, weights, false, true)) as tf.Tensor2D;
      vectorU = normalize(tf.matMul(vectorV, weights)) as tf.Tensor2D;
    }
    const sigma = tf.matMul(tf.matMul(vectorV, weights), vectorU, false, true);
    const normalized = tf.reshape(tf.div(weights, sigma), kernel.shape);
    const allZero = tf.all(tf.equal(kernel, 0));
    return [
      tf.where(tf.broadcastTo(allZero, vectorU.shape), this.vectorU!.read(), vectorU),
      tf.where(tf.broadcastTo(allZero, kernel.shape), kernel, normalized),
    ];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return this.layer.computeOutputShape(inputShape);
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), power_iterations: this.powerIterations };
  }

  /** The wrapped layer may be any layer: its class comes from `registry`, then every built-in layer. */
  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): SpectralNormalization {
    const layer = deserializeNestedLayer(config.layer, registry, builtInLayers());
    const wrapper = new SpectralNormalization(layer, { ...layerArgsFromConfig(config), powerIterations: config.power_iterations as number | undefined });
    buildFromEntry(wrapper, layer, config.layer);
    return wrapper;
  }
}
