import { checkOptionKeys } from '@strata/ops/options';
import * as tf from '@tensorflow/tfjs-core';
import { clipGradients } from './clipping';
import { type LegacyLearningRateOptions, resolveLegacyLearningRate } from './legacy-options';
import { toSnakeCase } from './naming';
import { serializeLearningRateSchedule } from './schedules';
import { LearningRateSchedule } from './schedules/learning-rate-schedule';

/** Options every optimizer takes (Keras 3's base optimizer arguments, camelCase). */
export interface OptimizerOptions extends LegacyLearningRateOptions {
  /** The learning rate: a number, or a `LearningRateSchedule` evaluated at each step. Default `0.01` for SGD, `0.001` for every other optimizer (as in Keras). */
  learningRate?: number | LearningRateSchedule;
  /** Decoupled weight decay: before each update, `w -= w * weightDecay * learningRate`. */
  weightDecay?: number | null;
  /** Clips each gradient to this L2 norm. */
  clipnorm?: number | null;
  /** Clips each gradient element to [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** Scales all gradients together so their global L2 norm is at most this. */
  globalClipnorm?: number | null;
  /** Keeps an exponential moving average of the weights (see `finalizeVariableValues`). */
  useEma?: boolean;
  /** When `useEma`, the moving average is `ema = ema * emaMomentum + w * (1 - emaMomentum)`. Default `0.99`. */
  emaMomentum?: number;
  /** Every this many steps, overwrite the weights with their moving average. */
  emaOverwriteFrequency?: number | null;
  /** Gradients are divided by this (the loss is assumed multiplied by it). */
  lossScaleFactor?: number | null;
  /** Not supported yet; accepted as null so Keras configs load. */
  gradientAccumulationSteps?: number | null;
  /** The optimizer's name, saved in its config and prefixed to its variables' names. Default: the snake_case class name. */
  name?: string;
}

/** One optimizer variable: Keras's name (`sequential_dense_kernel_momentum`) and path (`adam/...`). */
export interface OptimizerVariable {
  name: string;
  path: string;
  tensor: tf.Variable;
}

const baseOptionNames = [
  'learningRate', 'lr', 'decay', 'weightDecay', 'clipnorm', 'clipvalue', 'globalClipnorm', 'useEma',
  'emaMomentum', 'emaOverwriteFrequency', 'lossScaleFactor', 'gradientAccumulationSteps', 'name',
];

/**
 * Keras 3's `BaseOptimizer`. State lives in tf.Variables (iteration, learning
 * rate, slots) so it can be saved; the step count is mirrored on the host so that
 * nothing in `applyGradients` reads device data.
 */
export abstract class Optimizer {
  /** Keras's class name, written to configs as `class_name`. Subclasses set their own, as layers do. */
  static className = 'Optimizer';
  /** The class's `static className`: one convention for layers, losses, metrics, optimizers and schedules. */
  get className(): string {
    return (this.constructor as typeof Optimizer).className;
  }
  name: string;
  readonly weightDecay: number | null;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly useEma: boolean;
  readonly emaMomentum: number;
  readonly emaOverwriteFrequency: number | null;
  /** Keras lets it be set: a MultiOptimizer sets its own on the optimizers it holds. */
  lossScaleFactor: number | null;
  readonly gradientAccumulationSteps: number | null;

  private schedule: LearningRateSchedule | null = null;
  private learningRateValue = 0;
  private learningRateVariable: tf.Variable | null = null;
  private iterationCount = 0;
  private readonly iterationVariable: tf.Variable;
  private readonly trackedVariables: OptimizerVariable[] = [];
  private trainableVariables: tf.Variable[] = [];
  private referencePaths: string[] = [];
  private readonly variableIndices = new Map<tf.Variable, number>();
  private averages: tf.Variable[] = [];
  private excludedVariables = new Set<tf.Variable>();
  private excludedNamePattern: RegExp | null = null;
  private built = false;

  protected constructor(options: OptimizerOptions, defaultLearningRate: number, ownOptionNames: readonly string[]) {
    const className = this.className;
    // Keras raises "Argument(s) not recognized"; the shared checker also names the camelCase key meant (`beta_1` → `beta1`).
    checkOptionKeys(className, options, [...baseOptionNames, ...ownOptionNames]);
    this.name = options.name ?? toSnakeCase(className);
    this.weightDecay = options.weightDecay ?? null;
    this.clipnorm = options.clipnorm ?? null;
    this.clipvalue = options.clipvalue ?? null;
    this.globalClipnorm = options.globalClipnorm ?? null;
    this.useEma = options.useEma ?? false;
    this.emaMomentum = options.emaMomentum ?? 0.99;
    this.emaOverwriteFrequency = options.emaOverwriteFrequency ?? null;
    this.lossScaleFactor = options.lossScaleFactor ?? null;
    this.gradientAccumulationSteps = options.gradientAccumulationSteps ?? null;
    this.validateBaseOptions();

    const learningRate = resolveLegacyLearningRate(className, options, defaultLearningRate);
    this.iterationVariable = this.addVariable('iteration', [], 0, 'int32');
    if (learningRate instanceof LearningRateSchedule) {
      this.schedule = learningRate;
    } else {
      if (typeof learningRate !== 'number' || !Number.isFinite(learningRate)) {
        throw new Error(
          `${className}: argument \`learningRate\` should be a number or a LearningRateSchedule. Received: ${String(learningRate)}.`,
        );
      }
      this.learningRateValue = learningRate;
      this.learningRateVariable = this.addVariable('learning_rate', [], learningRate, 'float32');
    }
  }

  private validateBaseOptions(): void {
    const clipArguments = [this.clipnorm, this.clipvalue, this.globalClipnorm].filter((value) => value !== null);
    if (clipArguments.length > 1) {
      throw new Error(
        `${this.className}: only one of \`clipnorm\`, \`clipvalue\` and \`globalClipnorm\` can be set. Received: clipnorm=${this.clipnorm}, clipvalue=${this.clipvalue}, globalClipnorm=${this.globalClipnorm}.`,
      );
    }
    if (this.gradientAccumulationSteps !== null) {
      throw new Error(`${this.className}: \`gradientAccumulationSteps\` is not supported yet (received ${this.gradientAccumulationSteps}).`);
    }
    if (this.useEma && (this.emaMomentum < 0 || this.emaMomentum > 1)) {
      throw new Error(`${this.className}: \`emaMomentum\` must be in the range [0, 1]. Received: emaMomentum=${this.emaMomentum}.`);
    }
    const frequency = this.emaOverwriteFrequency;
    if (this.useEma && frequency !== null && !(Number.isInteger(frequency) && frequency >= 1)) {
      throw new Error(`${this.className}: \`emaOverwriteFrequency\` must be an integer >= 1 or null. Received: ${frequency}.`);
    }
  }

  /** The learning rate now: the set value, or the schedule at the current step. Host-side; no device read. */
  get learningRate(): number {
    return this.schedule ? this.schedule.call(this.iterationCount) : this.learningRateValue;
  }

  set learningRate(value: number) {
    if (this.schedule) {
      // Keras raises the same TypeError: a schedule owns the learning rate.
      throw new Error(
        `${this.className} was created with a LearningRateSchedule (${this.schedule.className}) as its learning rate, hence its learning rate is not settable. Create the optimizer with a number as \`learningRate\` to set it.`,
      );
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${this.className}: the learning rate must be a finite number. Received: ${String(value)}.`);
    }
    this.learningRateValue = value;
    const variable = this.learningRateVariable as tf.Variable;
    tf.tidy(() => variable.assign(tf.scalar(value, 'float32')));
  }

  /** The schedule, when the optimizer was created with one. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.schedule;
  }

  /** Number of updates applied so far (host-side counter; no device read). */
  get iterations(): number {
    return this.iterationCount;
  }

  get isBuilt(): boolean {
    return this.built;
  }

  /**
   * Creates the slot variables for `variables`. `referencePaths` gives each
   * variable's Keras path (`sequential/dense/kernel`), from which slot names are
   * made; by default the tf.Variable's name is used.
   */
  build(variables: tf.Variable[], referencePaths?: string[]): void {
    if (this.built) return;
    if (referencePaths && referencePaths.length !== variables.length) {
      throw new Error(
        `${this.className}.build: got ${variables.length} variables but ${referencePaths.length} reference paths.`,
      );
    }
    this.trainableVariables = [...variables];
    this.referencePaths = variables.map((variable, i) => referencePaths?.[i] ?? variable.name.replace(/:\d+$/, ''));
    variables.forEach((variable, i) => {
      this.variableIndices.set(variable, i);
    });
    if (this.useEma) this.averages = this.addSlotVariables(['average'])[0];
    this.buildSlots();
    this.built = true;
  }

  /** Creates the optimizer's own slots, in Keras's order (called once, from `build`). */
  protected abstract buildSlots(): void;

  /** One variable's update; runs inside the tidy of `applyGradients`. */
  protected abstract updateStep(gradient: tf.Tensor, variable: tf.Variable, index: number, learningRate: tf.Scalar): void;

  /** Hook before the per-variable updates (Nadam's `_backend_update_step`). */
  protected beforeUpdateSteps(): void {}

  /** The variables being trained, in order, with their reference paths (`sequential/dense/kernel`). */
  protected get trainedVariables(): ReadonlyArray<{ variable: tf.Variable; path: string }> {
    return this.trainableVariables.map((variable, i) => ({ variable, path: this.referencePaths[i] }));
  }

  /**
   * Keras's `add_optimizer_variables`: for each trainable variable in turn, one
   * slot per name (so Adam's order is kernel momentum, kernel velocity, bias
   * momentum, ...). Returns the slots grouped by name.
   */
  protected addSlotVariables(slotNames: string[], initialValue: number | number[] = 0): tf.Variable[][] {
    const groups: tf.Variable[][] = slotNames.map(() => []);
    // Keras creates them variable by variable, each variable's slots in turn: that order is the saved order.
    this.trainableVariables.forEach((variable, i) => {
      const prefix = this.referencePaths[i].replace(/\//g, '_');
      slotNames.forEach((slotName, j) => {
        const value = Array.isArray(initialValue) ? initialValue[j] : initialValue;
        groups[j].push(this.addVariable(`${prefix}_${slotName}`, variable.shape, value, 'float32'));
      });
    });
    return groups;
  }

  /**
   * A tracked optimizer variable. Its tf.Variable gets an automatic (unique)
   * engine name: tfjs refuses two variables with one name, and two optimizers
   * may both hold `adam/iteration`.
   */
  protected addVariable(name: string, shape: number[], initialValue: number, dtype: 'float32' | 'int32'): tf.Variable {
    const tensor = tf.tidy(() => tf.variable(tf.fill(shape, initialValue, dtype), false));
    this.trackedVariables.push({ name, path: `${this.name}/${name}`, tensor });
    return tensor;
  }

  /**
   * Keras's `exclude_from_weight_decay`: variables, or names (regular-expression
   * fragments matched against the reference path), that weight decay skips.
   */
  excludeFromWeightDecay({ variables = [], variableNames = [] }: { variables?: tf.Variable[]; variableNames?: string[] }): void {
    if (this.built) {
      throw new Error(`${this.className}: excludeFromWeightDecay() can only be configured before the optimizer is built.`);
    }
    this.excludedVariables = new Set(variables);
    this.excludedNamePattern = variableNames.length > 0 ? new RegExp(variableNames.join('|')) : null;
  }

  private usesWeightDecay(index: number): boolean {
    if (this.excludedVariables.has(this.trainableVariables[index])) return false;
    return !this.excludedNamePattern?.test(this.referencePaths[index]);
  }

  /**
   * One update of every variable, as Keras's `apply`: unscale, clip, decay the
   * weights, update, then the moving average and the step counter. Synchronous, no
   * device reads; all intermediates are freed by an inner tidy.
   */
  applyGradients(gradsAndVars: Array<[tf.Tensor | null | undefined, tf.Variable]>): void {
    const pairs = gradsAndVars.filter((pair): pair is [tf.Tensor, tf.Variable] => pair[0] != null);
    if (gradsAndVars.length === 0) return;
    if (pairs.length === 0) throw new Error(`${this.className}: no gradients provided for any variable.`);
    if (!this.built) this.build(gradsAndVars.map(([, variable]) => variable));
    const indices = pairs.map(([, variable]) => {
      const index = this.variableIndices.get(variable);
      if (index === undefined) {
        throw new Error(
          `${this.className}: unknown variable '${variable.name}'. This optimizer can only be called for the variables it was originally built with; create a new optimizer for new variables.`,
        );
      }
      return index;
    });
    tf.tidy(() => {
      let gradients = pairs.map(([gradient]) => (gradient.dtype === 'float32' ? gradient : tf.cast(gradient, 'float32')));
      const scale = this.lossScaleFactor;
      if (scale !== null) gradients = gradients.map((gradient) => tf.div(gradient, scale));
      gradients = clipGradients(gradients, this);
      const learningRate = this.learningRateVariable
        ? (this.learningRateVariable as tf.Scalar)
        : tf.scalar(this.learningRate, 'float32');
      this.applyWeightDecay(indices, learningRate);
      this.beforeUpdateSteps();
      pairs.forEach(([, variable], i) => {
        this.updateStep(gradients[i], variable, indices[i], learningRate);
      });
      if (this.useEma) this.updateMovingAverages();
      this.countIteration();
    });
  }

  /** Adds one to `iterations`, on the host and in the saved variable. */
  protected countIteration(): void {
    this.iterationCount += 1;
    tf.tidy(() => this.iterationVariable.assign(tf.scalar(this.iterationCount, 'int32')));
  }

  /**
   * Keras's `optimizer.apply(grads, trainable_variables)`: the gradients in the
   * order of the variables, which may be tf.Variables or layer weights (any
   * `{ value: tf.Variable }`; their Keras `path` then names the slots). A null
   * gradient leaves its variable as it is. This is what a custom `trainStep`
   * calls, as in Keras's guides.
   */
  apply(
    gradients: ReadonlyArray<tf.Tensor | null | undefined>,
    variables: ReadonlyArray<tf.Variable | { value: tf.Variable; path?: string }>,
  ): void {
    if (gradients.length !== variables.length) {
      throw new Error(
        `${this.className}.apply() received ${gradients.length} gradient(s) for ${variables.length} variable(s); it needs one gradient (or null) per variable, in the same order.`,
      );
    }
    const tensors = variables.map((v) => (v instanceof tf.Variable ? v : v.value));
    if (!this.built) {
      const paths = variables.map((v, i) => (v instanceof tf.Variable ? tensors[i].name.replace(/:\d+$/, '') : (v.path ?? tensors[i].name)));
      this.build(tensors, paths);
    }
    this.applyGradients(tensors.map((variable, i) => [gradients[i], variable]));
  }

  /**
   * Keras's `scale_loss`: the loss times `lossScaleFactor` when one is set, else the loss itself. `fit` takes
   * gradients of the scaled loss, and `applyGradients` divides them by the same factor.
   */
  scaleLoss(loss: tf.Tensor): tf.Tensor {
    return this.lossScaleFactor === null ? loss : tf.mul(loss, this.lossScaleFactor);
  }

  /** The weight decay of one variable: `weightDecay` for every variable here; Muon gives its AdamW variables their own. */
  protected weightDecayFor(_index: number): number | null {
    return this.weightDecay;
  }

  /** Keras's `_apply_weight_decay`: `w - w * weightDecay * learningRate`, before the update. */
  private applyWeightDecay(indices: number[], learningRate: tf.Scalar): void {
    for (const index of indices) {
      const weightDecay = this.weightDecayFor(index);
      if (weightDecay === null || !this.usesWeightDecay(index)) continue;
      const variable = this.trainableVariables[index];
      variable.assign(tf.sub(variable, tf.mul(variable, tf.mul(learningRate, weightDecay))));
    }
  }

  /** Keras: the average starts at the weights (momentum 0 on the first step), then `m*avg + (1-m)*w`. */
  private updateMovingAverages(): void {
    const momentum = this.iterationCount === 0 ? 0 : this.emaMomentum;
    this.trainableVariables.forEach((variable, i) => {
      const average = this.averages[i];
      average.assign(tf.add(tf.mul(average, momentum), tf.mul(variable, 1 - momentum)));
    });
    const frequency = this.emaOverwriteFrequency;
    if (frequency !== null && (this.iterationCount + 1) % frequency === 0) {
      this.finalizeVariableValues();
    }
  }

  /** With `useEma`, overwrites the weights with their moving averages (Keras calls this at the end of `fit`). */
  finalizeVariableValues(): void {
    if (!this.useEma) return;
    this.trainableVariables.forEach((variable, i) => {
      variable.assign(this.averages[i]);
    });
  }

  /**
   * With `useEma`, each trained variable with its moving average (Keras's `_model_variables_moving_average`),
   * which `callbacks.SwapEMAWeights` swaps in for evaluation; empty without `useEma` or before `build`.
   */
  movingAverageVariables(): Array<{ variable: tf.Variable; average: tf.Variable }> {
    return this.averages.map((average, i) => ({ variable: this.trainableVariables[i], average }));
  }

  /** All optimizer variables in Keras 3's order: iteration, learning_rate (unless scheduled), averages, slots. */
  variables(): OptimizerVariable[] {
    return this.trackedVariables.map((entry) => ({ ...entry }));
  }

  /** Restores values saved from `variables()` (same order); training then resumes bit for bit. */
  setVariableValues(values: tf.Tensor[]): void {
    if (!this.built) {
      throw new Error(
        `${this.className}: setVariableValues() was called on an optimizer that has not been built yet; call build(trainableVariables) first.`,
      );
    }
    if (values.length !== this.trackedVariables.length) {
      throw new Error(
        `${this.className} '${this.name}' has ${this.trackedVariables.length} variables, but ${values.length} values were given.`,
      );
    }
    this.trackedVariables.forEach(({ path, tensor }, i) => {
      if (!tf.util.arraysEqual(tensor.shape, values[i].shape)) {
        throw new Error(
          `${this.className}: variable ${path} has shape [${tensor.shape}], not compatible with the provided value's shape [${values[i].shape}].`,
        );
      }
    });
    tf.tidy(() => {
      this.trackedVariables.forEach(({ tensor }, i) => {
        tensor.assign(tf.cast(values[i], tensor.dtype));
      });
    });
    // Outside the step loop, so reading the two scalars back is allowed here.
    this.iterationCount = this.iterationVariable.dataSync()[0];
    if (this.learningRateVariable) this.learningRateValue = this.learningRateVariable.dataSync()[0];
  }

  /** Keras 3's config (snake_case), which Keras's `from_config` reads. */
  getConfig(): Record<string, unknown> {
    return {
      name: this.name,
      // Keras reads the float32 variable back, hence 0.0010000000474974513 for 0.001.
      learning_rate: this.schedule ? serializeLearningRateSchedule(this.schedule) : Math.fround(this.learningRateValue),
      weight_decay: this.weightDecay,
      clipnorm: this.clipnorm,
      global_clipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
      use_ema: this.useEma,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: this.emaOverwriteFrequency,
      loss_scale_factor: this.lossScaleFactor,
      gradient_accumulation_steps: this.gradientAccumulationSteps,
    };
  }

  /** Frees every optimizer variable. */
  dispose(): void {
    for (const { tensor } of this.trackedVariables) tensor.dispose();
    this.trackedVariables.length = 0;
    this.variableIndices.clear();
    this.trainableVariables = [];
    this.averages = [];
    this.learningRateVariable = null;
    this.built = false;
  }
}
