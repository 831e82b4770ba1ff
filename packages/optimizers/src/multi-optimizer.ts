import { checkOptionKeys } from '@strata/ops/options';
import type * as tf from '@tensorflow/tfjs-core';
import { Optimizer, type OptimizerVariable } from './optimizer';
import { OptimizerMap } from './optimizer-map';

/** A variable as a MultiOptimizer's selector function sees it: its Keras path and its tf.Variable. */
export interface SelectedVariable {
  path: string;
  variable: tf.Variable;
}

/** Chooses the optimizer of one variable. */
export type OptimizerSelector = (variable: SelectedVariable) => Optimizer;

export interface MultiOptimizerOptions {
  /** Set on every optimizer it holds (Keras overrides theirs with it, `null` included). */
  lossScaleFactor?: number | null;
  /** Default `'multi_optimizer'`. */
  name?: string;
}

/**
 * Keras's `MultiOptimizer`: one optimizer per group of variables, chosen by an `OptimizerMap` (by path or
 * pattern, with a default) or by a function of the variable. Each optimizer builds its slots for its own
 * variables and steps them; the MultiOptimizer counts its own iterations. Its `variables()` are its own
 * iteration and (unused) learning rate, then each optimizer's in turn: the map's optimizers in the order
 * their keys were set, then the default, as Keras saves them. It has no learning rate of its own: read and
 * set those of its `optimizers`.
 */
export class MultiOptimizer extends Optimizer {
  static override className = 'MultiOptimizer';
  readonly optimizerMap: OptimizerMap | OptimizerSelector;
  private readonly innerOptimizers: Optimizer[] = [];
  private readonly optimizerOfVariable = new Map<tf.Variable, number>();

  constructor(optimizerMap: OptimizerMap | OptimizerSelector, options: MultiOptimizerOptions = {}) {
    checkOptionKeys('MultiOptimizer', options, ['lossScaleFactor', 'name']);
    super({ learningRate: 0, lossScaleFactor: options.lossScaleFactor ?? null, name: options.name }, 0, []);
    if (!(optimizerMap instanceof OptimizerMap) && typeof optimizerMap !== 'function') {
      throw new TypeError(`MultiOptimizer expects an OptimizerMap or a function of the variable that returns its optimizer. Received: ${String(optimizerMap)}.`);
    }
    this.optimizerMap = optimizerMap;
    if (optimizerMap instanceof OptimizerMap) {
      for (const optimizer of [...optimizerMap.values(), optimizerMap.defaultOptimizer]) this.adopt(optimizer);
    }
  }

  /** The optimizers it holds, in Keras's order. */
  get optimizers(): readonly Optimizer[] {
    return this.innerOptimizers;
  }

  override get learningRate(): number {
    throw new Error('Learning rate cannot be accessed on a MultiOptimizer. Access the learning rate on the individual sub-optimizers (`optimizers`) instead.');
  }

  override set learningRate(_value: number) {
    throw new Error('Learning rate cannot be set on a MultiOptimizer. Set the learning rate on the individual sub-optimizers (`optimizers`) instead.');
  }

  private adopt(optimizer: Optimizer): number {
    const known = this.innerOptimizers.indexOf(optimizer);
    if (known >= 0) return known;
    optimizer.lossScaleFactor = this.lossScaleFactor;
    this.innerOptimizers.push(optimizer);
    return this.innerOptimizers.length - 1;
  }

  private optimizerFor(variable: tf.Variable, path: string): Optimizer {
    const optimizer = this.optimizerMap instanceof OptimizerMap ? this.optimizerMap.get(path) : this.optimizerMap({ path, variable });
    if (!(optimizer instanceof Optimizer)) {
      throw new Error(`MultiOptimizer: the optimizer for variable '${path}' is not an Optimizer. Received: ${String(optimizer)}.`);
    }
    if (optimizer instanceof MultiOptimizer || optimizer.className === 'LossScaleOptimizer') {
      throw new Error(`MultiOptimizer: a ${optimizer.className} cannot be used inside a MultiOptimizer (variable '${path}').`);
    }
    return optimizer;
  }

  /** Gives each variable to its optimizer and builds every optimizer on its group (Keras's order of slots). */
  override build(variables: tf.Variable[], referencePaths?: string[]): void {
    if (this.isBuilt) return;
    const paths = variables.map((variable, i) => referencePaths?.[i] ?? variable.name.replace(/:\d+$/, ''));
    const groups: Array<{ variables: tf.Variable[]; paths: string[] }> = this.innerOptimizers.map(() => ({ variables: [], paths: [] }));
    variables.forEach((variable, i) => {
      const index = this.adopt(this.optimizerFor(variable, paths[i]));
      groups[index] ??= { variables: [], paths: [] };
      groups[index].variables.push(variable);
      groups[index].paths.push(paths[i]);
      this.optimizerOfVariable.set(variable, index);
    });
    this.innerOptimizers.forEach((optimizer, i) => {
      if (groups[i].variables.length > 0) optimizer.build(groups[i].variables, groups[i].paths);
    });
    super.build(variables, paths);
  }

  protected buildSlots(): void {}

  protected updateStep(): void {
    throw new Error('MultiOptimizer has no update rule of its own: its optimizers update their variables.');
  }

  /** Each optimizer steps its own variables (a group whose gradients are all null is left alone); then one iteration is counted. */
  override applyGradients(gradsAndVars: Array<[tf.Tensor | null | undefined, tf.Variable]>): void {
    if (gradsAndVars.length === 0) return;
    if (!this.isBuilt) this.build(gradsAndVars.map(([, variable]) => variable));
    const groups: Array<Array<[tf.Tensor | null | undefined, tf.Variable]>> = this.innerOptimizers.map(() => []);
    for (const pair of gradsAndVars) {
      const index = this.optimizerOfVariable.get(pair[1]);
      if (index === undefined) {
        throw new Error(
          `MultiOptimizer: unknown variable '${pair[1].name}'. This optimizer can only be called for the variables it was originally built with; create a new optimizer for new variables.`,
        );
      }
      groups[index].push(pair);
    }
    if (gradsAndVars.every(([gradient]) => gradient == null)) throw new Error('MultiOptimizer: no gradients provided for any variable.');
    this.innerOptimizers.forEach((optimizer, i) => {
      if (groups[i].some(([gradient]) => gradient != null)) optimizer.applyGradients(groups[i]);
    });
    this.countIteration();
  }

  override finalizeVariableValues(): void {
    for (const optimizer of this.innerOptimizers) optimizer.finalizeVariableValues();
  }

  override movingAverageVariables(): Array<{ variable: tf.Variable; average: tf.Variable }> {
    return this.innerOptimizers.flatMap((optimizer) => optimizer.movingAverageVariables());
  }

  /** Its own iteration and learning rate, then each optimizer's variables in turn. */
  override variables(): OptimizerVariable[] {
    return [...super.variables(), ...this.innerOptimizers.flatMap((optimizer) => optimizer.variables())];
  }

  override setVariableValues(values: tf.Tensor[]): void {
    const expected = this.variables().length;
    if (values.length !== expected) {
      throw new Error(`MultiOptimizer '${this.name}' has ${expected} variables, but ${values.length} values were given.`);
    }
    let offset = super.variables().length;
    super.setVariableValues(values.slice(0, offset));
    for (const optimizer of this.innerOptimizers) {
      const count = optimizer.variables().length;
      // An optimizer that got no variable is built on none, so that its iteration and learning rate load too.
      if (!optimizer.isBuilt) optimizer.build([]);
      optimizer.setVariableValues(values.slice(offset, offset + count));
      offset += count;
    }
  }

  /** Keras's config: the serialized OptimizerMap, the loss scale factor and the name. */
  override getConfig(): Record<string, unknown> {
    return {
      optimizer_map: this.optimizerMap instanceof OptimizerMap ? serializeOptimizerMap(this.optimizerMap) : serializeSelector(this.optimizerMap),
      loss_scale_factor: this.lossScaleFactor,
      name: this.name,
    };
  }

  /** Frees its own variables and those of every optimizer it holds. */
  override dispose(): void {
    for (const optimizer of this.innerOptimizers) optimizer.dispose();
    this.optimizerOfVariable.clear();
    super.dispose();
  }
}

/** `{ module, class_name: 'OptimizerMap', config, registered_name }`, as Keras's serialize_keras_object writes it. */
export function serializeOptimizerMap(optimizerMap: OptimizerMap): Record<string, unknown> {
  return { module: 'keras.optimizers', class_name: 'OptimizerMap', config: optimizerMap.getConfig(), registered_name: null };
}

/** Keras writes a function by its name; it loads only where the function is registered. */
function serializeSelector(selector: OptimizerSelector): Record<string, unknown> {
  const name = selector.name || 'optimizer_selector';
  return { module: null, class_name: 'function', config: name, registered_name: name };
}
