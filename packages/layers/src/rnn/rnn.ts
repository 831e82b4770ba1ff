import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { getRegularizer, type Regularizer, type RegularizerIdentifier } from '../regularizers';
import type { BaseRecurrentCell, CellStepOptions, ProjectingCell, RecurrentCell } from './base-recurrent-cell';
import { isProjectingCell } from './base-recurrent-cell';
import { GRUCell } from './gru-cell';
import { LSTMCell } from './lstm-cell';
import { buildFromEntry, deserializeNestedLayer, type LayerClassRegistry, serializeNestedLayer } from './nested-layer';
import { SimpleRNNCell } from './simple-rnn-cell';
import { StackedRNNCells } from './stacked-rnn-cells';

/** The cells an RNN config can name without a registry. */
const BUILT_IN_CELLS: LayerClassRegistry = { SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells };

export interface RNNArgs extends LayerArgs {
  /** Whether the layer returns the output of every timestep (`[batch, time, units]`) or only the last one. Default `false`. */
  returnSequences?: boolean;
  /** Whether the layer also returns its final states, after the output. Default `false`. */
  returnState?: boolean;
  /** Processes the sequence backwards and returns the reversed sequence. Default `false`. */
  goBackwards?: boolean;
  /** Keeps the last state of each sample as the initial state of the same sample in the next batch (needs a fixed batch size). Default `false`. */
  stateful?: boolean;
  /** Accepted for Keras compatibility: Strata's loop is always a JavaScript loop over the time steps. */
  unroll?: boolean;
  /** With `returnSequences`, masked timesteps output zeros instead of the last unmasked output. Default `false`. */
  zeroOutputForMask?: boolean;
  /** Regularizer applied to the layer's output. Default `null`. */
  activityRegularizer?: RegularizerIdentifier;
}

export interface RecurrentCallOptions extends CallOptions {
  /** The states the first step starts from (zeros, or the kept states of a stateful layer, when absent). */
  initialState?: tf.Tensor | tf.Tensor[];
}

type AnyCell = BaseRecurrentCell | RecurrentCell | (ProjectingCell & Layer & Pick<RecurrentCell, 'stateSize' | 'outputSize' | 'getInitialState'>);

/**
 * Keras's RNN: runs `cell` over the time axis of `[batch, time, ...]` inputs.
 * A masked time step (mask false) keeps the previous output and states, as
 * Keras's backend rnn does; `goBackwards` reads the sequence from the end and
 * returns the outputs in that (reversed) order.
 */
export class RNN extends Layer {
  static override className = 'RNN';
  readonly cell: AnyCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  /** Mutable: Bidirectional sets it to return_sequences on both halves, as Keras does. */
  zeroOutputForMask: boolean;
  readonly activityRegularizer: Regularizer | null;
  readonly stateSizes: number[];
  /** The kept states of a stateful layer; not weights (Keras does not track them either). */
  private keptStates: tf.Variable[] | null = null;

  constructor(cell: AnyCell, args: RNNArgs = {}) {
    super(args);
    if (typeof cell?.call !== 'function' || cell.stateSize === undefined) {
      throw new Error(`Argument \`cell\` should have a \`call\` method and a \`stateSize\` attribute. Received: cell=${String(cell)}`);
    }
    this.cell = cell;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.zeroOutputForMask = args.zeroOutputForMask ?? false;
    this.activityRegularizer = getRegularizer(args.activityRegularizer);
    this.stateSizes = Array.isArray(cell.stateSize) ? [...cell.stateSize] : [cell.stateSize];
    this.supportsMasking = true;
  }

  get outputSize(): number {
    return this.cell.outputSize ?? this.stateSizes[0];
  }

  override build(inputShape: Shape): void {
    // The cell is built here, inside this layer's name scope: its weights are `<rnn>/<cell>/kernel`.
    const stepShape = [inputShape[0], ...inputShape.slice(2)];
    if (this.cell instanceof Layer) this.cell.maybeBuild(stepShape);
    else this.cell.build?.(stepShape);
  }

  override call(inputs: Tensors, options: RecurrentCallOptions = {}): Tensors {
    const sequences = Array.isArray(inputs) ? inputs[0] : inputs;
    const [batchSize, timeSteps] = sequences.shape;
    const mask = Array.isArray(options.mask) ? options.mask[0] : options.mask;
    const training = options.training ?? false;
    let states = this.initialStates(batchSize, options.initialState);
    const cell = this.cell;
    const isBuiltIn = isProjectingCell(cell);
    if (isBuiltIn) cell.beginSequence([batchSize, ...sequences.shape.slice(2)], training);
    const outputs: tf.Tensor[] = [];
    let lastOutput: tf.Tensor | null = null;
    try {
      // Built-in cells take the input product of every step in one matrix product.
      const steps = tf.unstack(isBuiltIn ? cell.projectInputs(sequences, training) : sequences, 1);
      const maskSteps = mask ? tf.unstack(tf.cast(mask, 'float32'), 1) : null;
      for (let k = 0; k < timeSteps; k++) {
        const t = this.goBackwards ? timeSteps - 1 - k : k;
        const [output, newStates] = isBuiltIn ? cell.stepProjected(steps[t], states, { training }) : this.runStep(steps[t], states, { training });
        if (maskSteps) {
          // Masks come from the data, never from what is differentiated: blending is exact for 0/1.
          const keep = tf.reshape(maskSteps[t], [batchSize, ...output.shape.slice(1).map(() => 1)]);
          const drop = tf.sub(1, keep);
          const previous: tf.Tensor = lastOutput ?? tf.zerosLike(output);
          const kept: tf.Tensor = this.zeroOutputForMask ? tf.mul(keep, output) : tf.add(tf.mul(keep, output), tf.mul(drop, previous));
          states = newStates.map((state, i) => tf.add(tf.mul(keep, state), tf.mul(drop, states[i])));
          lastOutput = kept;
        } else {
          states = newStates;
          lastOutput = output;
        }
        outputs.push(lastOutput as tf.Tensor);
      }
    } finally {
      if (isBuiltIn) cell.endSequence();
    }
    if (this.stateful) this.keepStates(states);
    const output = this.returnSequences ? tf.stack(outputs, 1) : (lastOutput as tf.Tensor);
    if (this.activityRegularizer) this.addLoss(this.activityRegularizer.call(output));
    return this.returnState ? [output, ...states] : output;
  }

  /** One step of a user cell: `call(inputs, states, {training})` may return its new states as a tensor or a list. */
  private runStep(inputs: tf.Tensor, states: tf.Tensor[], options: CellStepOptions): [tf.Tensor, tf.Tensor[]] {
    const [output, newStates] = (this.cell as RecurrentCell).call(inputs, states, options);
    return [output, Array.isArray(newStates) ? newStates : [newStates]];
  }

  private initialStates(batchSize: number, given: tf.Tensor | tf.Tensor[] | undefined): tf.Tensor[] {
    if (given) return Array.isArray(given) ? given : [given];
    if (this.stateful) {
      if (!this.keptStates || this.keptStates[0].shape[0] !== batchSize) {
        this.keptStates?.forEach((v) => v.dispose());
        this.keptStates = this.stateSizes.map((size) => tf.variable(tf.zeros([batchSize, size]), false));
      }
      return this.keptStates.map((v) => tf.clone(v));
    }
    if (this.cell.getInitialState) return this.cell.getInitialState(batchSize);
    return this.stateSizes.map((size) => tf.zeros([batchSize, size]));
  }

  private keepStates(states: tf.Tensor[]): void {
    this.keptStates?.forEach((variable, i) => variable.assign(states[i]));
  }

  /** Sets the kept states of a stateful layer back to zeros, or to `states` (Keras's reset_state). */
  resetStates(states?: tf.Tensor[]): void {
    if (!this.stateful) throw new Error(`Layer "${this.name}" is not stateful: resetStates needs \`stateful: true\`.`);
    this.keptStates?.forEach((variable, i) => tf.tidy(() => variable.assign(states ? states[i] : tf.zerosLike(variable))));
  }

  /** The kept states of a stateful layer (null before its first call). */
  get states(): tf.Tensor[] | null {
    return this.keptStates;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const output = this.returnSequences ? [shape[0], shape[1], this.outputSize] : [shape[0], this.outputSize];
    return this.returnState ? [output, ...this.stateSizes.map((size) => [shape[0], size])] : output;
  }

  override computeMask(_inputs: Tensors, mask?: CallOptions['mask']): tf.Tensor | Array<tf.Tensor | null> | null {
    const sequenceMask = (Array.isArray(mask) ? mask[0] : mask) ?? null;
    const outputMask = this.returnSequences ? sequenceMask : null;
    return this.returnState ? [outputMask, ...this.stateSizes.map(() => null)] : outputMask;
  }

  /** The flags every Keras RNN layer writes. */
  protected rnnConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      return_sequences: this.returnSequences,
      return_state: this.returnState,
      go_backwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zero_output_for_mask: this.zeroOutputForMask,
    };
  }

  override getConfig(): Record<string, unknown> {
    if (!(this.cell instanceof Layer)) {
      throw new Error(`Layer "${this.name}" cannot write its config: its cell is not a Layer, so it has no Keras config.`);
    }
    return { ...this.rnnConfig(), cell: serializeNestedLayer(this.cell) };
  }

  override dispose(): void {
    super.dispose();
    this.keptStates?.forEach((v) => v.dispose());
    this.keptStates = null;
  }

  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): RNN {
    const cell = deserializeNestedLayer(config.cell, registry, BUILT_IN_CELLS) as BaseRecurrentCell;
    const layer = new RNN(cell, { ...layerArgsFromConfig(config), ...rnnArgsFromConfig(config) });
    buildFromEntry(layer, cell, config.cell);
    return layer;
  }
}

export function rnnArgsFromConfig(config: Record<string, unknown>): RNNArgs {
  return {
    returnSequences: config.return_sequences as boolean | undefined,
    returnState: config.return_state as boolean | undefined,
    goBackwards: config.go_backwards as boolean | undefined,
    stateful: config.stateful as boolean | undefined,
    unroll: config.unroll as boolean | undefined,
    zeroOutputForMask: config.zero_output_for_mask as boolean | undefined,
    activityRegularizer: config.activity_regularizer as RegularizerIdentifier,
  };
}
