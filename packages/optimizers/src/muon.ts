import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerOptions } from './optimizer';

export interface MuonOptions extends OptimizerOptions {
  /** AdamW's β1 for the variables Muon leaves to AdamW. Default 0.9. */
  adamBeta1?: number;
  /** AdamW's β2. Default 0.999. */
  adamBeta2?: number;
  /** Weight decay of the AdamW variables. Default 0.004. */
  adamWeightDecay?: number;
  /** AdamW's epsilon. Default 1e-7. */
  epsilon?: number;
  /** Regular expressions: variables whose path matches one are trained by AdamW. */
  excludeLayers?: string[] | null;
  /** Train variables with "embedding" in their path by AdamW. Default true. */
  excludeEmbeddings?: boolean;
  /** Coefficients of the quintic Newton–Schulz iteration. Defaults 3.4445, −4.7750, 2.0315. */
  muonA?: number;
  /** The second Newton–Schulz coefficient. Default `-4.775`. */
  muonB?: number;
  /** The third Newton–Schulz coefficient. Default `2.0315`. */
  muonC?: number;
  /** AdamW's learning rate relative to Muon's. Default 1. */
  adamLrRatio?: number;
  /** Muon's momentum. Default 0.95. */
  momentum?: number;
  /** Newton–Schulz iterations. Default 5. */
  nsSteps?: number;
  /** Nesterov momentum. Default true. */
  nesterov?: boolean;
  /** Scales a 2D update by √max(rows, cols) · rmsRate (Moonlight's rule); null leaves it unscaled. Default 0.2. */
  rmsRate?: number | null;
}

function transposeLastAxes(x: tf.Tensor): tf.Tensor {
  const order = x.shape.map((_, i) => i);
  [order[order.length - 2], order[order.length - 1]] = [order[order.length - 1], order[order.length - 2]];
  return tf.transpose(x, order);
}

/**
 * Keras's Muon (Jordan et al., 2024): 2D weights are updated by the orthogonalized momentum (a quintic
 * Newton–Schulz iteration), every other variable — and embeddings, and `excludeLayers` — by AdamW.
 */
export class Muon extends Optimizer {
  static override className = 'Muon';
  readonly adamBeta1: number;
  readonly adamBeta2: number;
  readonly adamWeightDecay: number;
  readonly epsilon: number;
  readonly excludeLayers: string[];
  readonly excludeEmbeddings: boolean;
  readonly muonA: number;
  readonly muonB: number;
  readonly muonC: number;
  readonly adamLrRatio: number;
  readonly momentum: number;
  readonly nsSteps: number;
  readonly nesterov: boolean;
  readonly rmsRate: number | null;
  private momentums: tf.Variable[] = [];
  private adamVelocities: Array<tf.Variable | null> = [];

  constructor(options: MuonOptions = {}) {
    super({ ...options, weightDecay: options.weightDecay === undefined ? 0.004 : options.weightDecay }, 0.001, [
      'adamBeta1', 'adamBeta2', 'adamWeightDecay', 'epsilon', 'excludeLayers', 'excludeEmbeddings', 'muonA', 'muonB',
      'muonC', 'adamLrRatio', 'momentum', 'nsSteps', 'nesterov', 'rmsRate',
    ]);
    this.adamBeta1 = options.adamBeta1 ?? 0.9;
    this.adamBeta2 = options.adamBeta2 ?? 0.999;
    this.adamWeightDecay = options.adamWeightDecay ?? 0.004;
    this.epsilon = options.epsilon ?? 1e-7;
    this.excludeLayers = options.excludeLayers ?? [];
    this.excludeEmbeddings = options.excludeEmbeddings ?? true;
    this.muonA = options.muonA ?? 3.4445;
    this.muonB = options.muonB ?? -4.775;
    this.muonC = options.muonC ?? 2.0315;
    this.adamLrRatio = options.adamLrRatio ?? 1;
    this.momentum = options.momentum ?? 0.95;
    this.nsSteps = options.nsSteps ?? 5;
    this.nesterov = options.nesterov ?? true;
    this.rmsRate = options.rmsRate === undefined ? 0.2 : options.rmsRate;
  }

  /** Keras's `_should_use_adamw`: anything not 2D, embeddings (by default) and the excluded layers. */
  private usesAdamW(shape: readonly number[], path: string): boolean {
    if (shape.length !== 2) return true;
    if (this.excludeEmbeddings && path.toLowerCase().includes('embedding')) return true;
    return this.excludeLayers.some((pattern) => new RegExp(pattern).test(path));
  }

  protected buildSlots(): void {
    this.momentums = [];
    this.adamVelocities = [];
    // Keras's order: each variable's momentum, then its velocity when AdamW trains it.
    for (const { variable, path } of this.trainedVariables) {
      const prefix = path.replace(/\//g, '_');
      this.momentums.push(this.addVariable(`${prefix}_momentum`, variable.shape, 0, 'float32'));
      this.adamVelocities.push(this.usesAdamW(variable.shape, path) ? this.addVariable(`${prefix}_velocity`, variable.shape, 0, 'float32') : null);
    }
  }

  protected override weightDecayFor(index: number): number | null {
    return this.adamVelocities[index] === null ? this.weightDecay : this.adamWeightDecay;
  }

  protected updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void {
    const momentum = this.momentums[index];
    const velocity = this.adamVelocities[index];
    if (velocity !== null) this.adamWUpdate(gradient, variable, tf.mul(learningRate, this.adamLrRatio), momentum, velocity);
    else this.muonUpdate(gradient, variable, learningRate, momentum);
  }

  private adamWUpdate(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Tensor, momentum: tf.Variable, velocity: tf.Variable): void {
    const localStep = this.iterations + 1;
    const beta1Power = Math.fround(this.adamBeta1) ** localStep;
    const beta2Power = Math.fround(this.adamBeta2) ** localStep;
    const alpha = tf.mul(learningRate, Math.sqrt(1 - beta2Power) / (1 - beta1Power));
    momentum.assign(tf.add(momentum, tf.mul(tf.sub(gradient, momentum), 1 - this.adamBeta1)));
    velocity.assign(tf.add(velocity, tf.mul(tf.sub(tf.square(gradient), velocity), 1 - this.adamBeta2)));
    variable.assign(tf.sub(variable, tf.div(tf.mul(momentum, alpha), tf.add(tf.sqrt(velocity), this.epsilon))));
  }

  private muonUpdate(gradient: tf.Tensor, variable: tf.Variable, learningRate: tf.Scalar, momentum: tf.Variable): void {
    momentum.assign(tf.add(momentum, tf.add(gradient, tf.mul(momentum, this.momentum - 1))));
    const direction = this.nesterov ? tf.add(gradient, tf.mul(momentum, this.momentum)) : momentum;
    let update = tf.mul(learningRate, this.orthogonalize(direction));
    if (this.rmsRate !== null) {
      const [rows, columns] = update.shape as number[];
      update = tf.mul(update, Math.sqrt(Math.max(rows, columns)) * this.rmsRate);
    }
    variable.assign(tf.sub(variable, update));
  }

  /** Keras's `zeropower_via_newtonschulz5`: an approximate U·Vᵀ of the matrix's SVD. */
  private orthogonalize(matrix: tf.Tensor): tf.Tensor {
    const tall = matrix.shape[matrix.rank - 2] > matrix.shape[matrix.rank - 1];
    let x = tall ? transposeLastAxes(matrix) : matrix;
    x = tf.div(x, tf.add(tf.sqrt(tf.sum(tf.square(x), [-2, -1], true)), 1e-7));
    for (let step = 0; step < this.nsSteps; step++) {
      const gram = tf.matMul(x, transposeLastAxes(x));
      const polynomial = tf.add(tf.mul(this.muonB, gram), tf.mul(this.muonC, tf.matMul(gram, gram)));
      x = tf.add(tf.mul(this.muonA, x), tf.matMul(polynomial, x));
    }
    return tall ? transposeLastAxes(x) : x;
  }

  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      adam_beta_1: this.adamBeta1,
      adam_beta_2: this.adamBeta2,
      epsilon: this.epsilon,
      exclude_layers: this.excludeLayers,
      muon_a: this.muonA,
      muon_b: this.muonB,
      muon_c: this.muonC,
      adam_lr_ratio: this.adamLrRatio,
      momentum: this.momentum,
      ns_steps: this.nsSteps,
      nesterov: this.nesterov,
      exclude_embeddings: this.excludeEmbeddings,
      adam_weight_decay: this.adamWeightDecay,
      rms_rate: this.rmsRate,
    };
  }
}
