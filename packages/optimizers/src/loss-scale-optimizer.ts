import * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerVariable } from './optimizer';

export interface LossScaleOptimizerOptions {
  /** The first loss scale (Keras's default 2**15). Halved on every step with a non-finite gradient. */
  initialScale?: number;
  /** After this many consecutive finite steps the scale doubles (Keras's default 2000). */
  dynamicGrowthSteps?: number;
  /** The optimizer's name (default `'loss_scale_optimizer'`). */
  name?: string;
}

/**
 * Base-optimizer arguments that Keras's LossScaleOptimizer accepts only at their
 * default value (old configs carry them); anything else belongs on the inner optimizer.
 */
const baseDefaults: Record<string, unknown> = {
  weightDecay: null,
  clipnorm: null,
  globalClipnorm: null,
  clipvalue: null,
  useEma: false,
  emaMomentum: 0.99,
  emaOverwriteFrequency: null,
  lossScaleFactor: null,
  gradientAccumulationSteps: null,
};

/**
 * Keras's `LossScaleOptimizer`: dynamic loss scaling around any optimizer.
 * `fit` multiplies the loss by the current scale (`scaleLoss`) before taking
 * gradients; `applyGradients` then checks the gradients:
 * - all finite: they are divided by the scale and given to the inner
 *   optimizer; after `dynamicGrowthSteps` such steps in a row the scale doubles;
 * - any inf or NaN: the step is skipped (weights, slots and the inner
 *   iteration count are left as they are) and the scale is halved.
 *
 * Deciding to skip needs the flag on the host: one boolean is read per step,
 * as Keras's torch backend does when it evaluates its `ops.cond` eagerly. The
 * scale and the step counter are mirrored on the host so nothing else is read.
 * Its variables are its own four (iteration, learning_rate, step_counter,
 * dynamic_scale) followed by the inner optimizer's, in Keras's order.
 */
export class LossScaleOptimizer extends Optimizer {
  static override className = 'LossScaleOptimizer';
  readonly innerOptimizer: Optimizer;
  readonly initialScale: number;
  readonly dynamicGrowthSteps: number;
  private stepCounter: tf.Variable | null = null;
  private dynamicScale: tf.Variable | null = null;
  private hostStepCounter = 0;
  private hostScale: number;

  constructor(innerOptimizer: Optimizer, options: LossScaleOptimizerOptions & Record<string, unknown> = {}) {
    if (!(innerOptimizer instanceof Optimizer)) {
      throw new Error(`LossScaleOptimizer expects an Optimizer to wrap as its first argument, received ${String(innerOptimizer)}.`);
    }
    const { initialScale = 2 ** 15, dynamicGrowthSteps = 2000, name, dynamic, ...rest } = options;
    if (dynamic === false) {
      throw new Error('LossScaleOptimizer no longer supports `dynamic: false`. Instead, simply set `lossScaleFactor` directly on the inner optimizer.');
    }
    for (const [key, value] of Object.entries(rest)) {
      if (value === undefined) continue;
      if (!(key in baseDefaults)) throw new Error(`LossScaleOptimizer does not support arguments: \`${key}\`.`);
      if (value !== baseDefaults[key]) {
        throw new Error(`LossScaleOptimizer does not support \`${key}\` (received ${String(value)}). Instead, set \`${key}\` on the inner optimizer.`);
      }
    }
    if (!(typeof initialScale === 'number' && initialScale > 0 && Number.isFinite(initialScale))) {
      throw new Error(`LossScaleOptimizer expects initialScale to be a positive finite number, received ${String(initialScale)}.`);
    }
    if (!(Number.isInteger(dynamicGrowthSteps) && dynamicGrowthSteps >= 1)) {
      throw new Error(`LossScaleOptimizer expects dynamicGrowthSteps to be a positive integer, received ${String(dynamicGrowthSteps)}.`);
    }
    // Keras calls the base constructor with learning_rate=0.0: the wrapper has its own (unused) learning rate.
    super({ learningRate: 0, name }, 0, []);
    this.innerOptimizer = innerOptimizer;
    this.initialScale = initialScale;
    this.dynamicGrowthSteps = dynamicGrowthSteps;
    this.hostScale = Math.fround(initialScale);
    // As Keras: the inner optimizer's own loss scaling is turned off, or the gradients would be unscaled twice.
    (innerOptimizer as { lossScaleFactor: number | null }).lossScaleFactor = null;
  }

  /** The current loss scale (host mirror of `dynamic_scale`). */
  get lossScale(): number {
    return this.hostScale;
  }

  override get learningRate(): number {
    return this.innerOptimizer.learningRate;
  }

  override set learningRate(value: number) {
    this.innerOptimizer.learningRate = value;
  }

  /** The inner optimizer's step count: skipped steps do not count. */
  override get iterations(): number {
    return this.innerOptimizer.iterations;
  }

  protected buildSlots(): void {
    this.stepCounter = this.addVariable('step_counter', [], 0, 'int32');
    this.dynamicScale = this.addVariable('dynamic_scale', [], this.initialScale, 'float32');
    const trained = this.trainedVariables;
    this.innerOptimizer.build(
      trained.map((entry) => entry.variable),
      trained.map((entry) => entry.path),
    );
  }

  protected updateStep(): void {
    // Never called: applyGradients hands the update to the inner optimizer.
  }

  /** The loss multiplied by the current scale (the initial one before the optimizer is built). */
  override scaleLoss(loss: tf.Tensor): tf.Tensor {
    return tf.mul(loss, this.dynamicScale ?? this.initialScale);
  }

  override applyGradients(gradsAndVars: Array<[tf.Tensor | null | undefined, tf.Variable]>): void {
    const pairs = gradsAndVars.filter((pair): pair is [tf.Tensor, tf.Variable] => pair[0] != null);
    if (pairs.length === 0) {
      if (gradsAndVars.length === 0) return;
      throw new Error('LossScaleOptimizer: no gradients provided for any variable.');
    }
    if (!this.isBuilt) this.build(gradsAndVars.map(([, variable]) => variable));
    const flag = tf.tidy(() => tf.all(tf.stack(pairs.map(([gradient]) => tf.all(tf.isFinite(gradient))))));
    const finite = flag.dataSync()[0] === 1;
    flag.dispose();
    if (finite) {
      const scale = this.dynamicScale as tf.Variable;
      tf.tidy(() => this.innerOptimizer.applyGradients(pairs.map(([gradient, variable]) => [tf.div(gradient, scale), variable])));
      if (this.hostStepCounter === this.dynamicGrowthSteps - 1) {
        this.hostStepCounter = 0;
        this.hostScale = Math.fround(this.hostScale * 2);
      } else {
        this.hostStepCounter += 1;
      }
    } else {
      this.hostStepCounter = 0;
      this.hostScale = Math.fround(this.hostScale * 0.5);
    }
    tf.tidy(() => {
      (this.stepCounter as tf.Variable).assign(tf.scalar(this.hostStepCounter, 'int32'));
      (this.dynamicScale as tf.Variable).assign(tf.scalar(this.hostScale, 'float32'));
    });
  }

  override finalizeVariableValues(): void {
    this.innerOptimizer.finalizeVariableValues();
  }

  /** Its own variables, then the inner optimizer's (Keras's `variables`, the order a saved file holds them in). */
  override variables(): OptimizerVariable[] {
    return [...super.variables(), ...this.innerOptimizer.variables()];
  }

  override setVariableValues(values: tf.Tensor[]): void {
    const own = super.variables().length;
    if (values.length !== own + this.innerOptimizer.variables().length) {
      throw new Error(
        `LossScaleOptimizer '${this.name}' has ${own} variables and its inner ${this.innerOptimizer.className} ${this.innerOptimizer.variables().length}, but ${values.length} values were given.`,
      );
    }
    super.setVariableValues(values.slice(0, own));
    this.innerOptimizer.setVariableValues(values.slice(own));
    // Outside the step loop, so reading the two scalars back is allowed here.
    this.hostStepCounter = (this.stepCounter as tf.Variable).dataSync()[0];
    this.hostScale = (this.dynamicScale as tf.Variable).dataSync()[0];
  }

  /** Keras's config: the name, the serialized inner optimizer, and the two scaling arguments. */
  override getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      inner_optimizer: {
        module: 'keras.optimizers',
        class_name: this.innerOptimizer.className,
        config: this.innerOptimizer.getConfig(),
        registered_name: null,
      },
      initial_scale: this.initialScale,
      dynamic_growth_steps: this.dynamicGrowthSteps,
    };
  }

  override dispose(): void {
    super.dispose();
    this.innerOptimizer.dispose();
    this.stepCounter = null;
    this.dynamicScale = null;
  }
}
