import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import { isShapeList, type Shape } from '../engine/shape';
import { BaseRecurrentCell, type CellStepOptions, isProjectingCell, type RecurrentCell } from './base-recurrent-cell';
import { GRUCell } from './gru-cell';
import { LSTMCell } from './lstm-cell';
import { deserializeNestedLayer, type LayerClassRegistry, serializeNestedLayer } from './nested-layer';
import { SimpleRNNCell } from './simple-rnn-cell';

/** A cell of the stack: one of Strata's cell layers or a plain object with Keras's cell protocol. */
export type StackableCell = BaseRecurrentCell | RecurrentCell;

const sizesOf = (cell: StackableCell): number[] => (Array.isArray(cell.stateSize) ? [...cell.stateSize] : [cell.stateSize]);
const outputSizeOf = (cell: StackableCell): number => cell.outputSize ?? sizesOf(cell)[0];

/**
 * Several cells run as one (Keras's StackedRNNCells): at each step the first cell reads the input, each
 * next cell the previous one's output, and the stack's output is the last cell's. Its states are the cells'
 * states in order, flat (an LSTMCell's two, then the next cell's), as Keras's RNN returns them.
 *
 * Inside an RNN it takes the RNN's fast path: the first cell's input product is taken for the whole
 * sequence before the loop, the other cells step as usual.
 */
export class StackedRNNCells extends Layer {
  static override className = 'StackedRNNCells';
  readonly cells: StackableCell[];

  constructor(cells: StackableCell[], args: LayerArgs = {}) {
    super(args);
    if (!Array.isArray(cells) || cells.length === 0) {
      throw new Error(`StackedRNNCells expects a non-empty list of cells; received ${String(cells)}.`);
    }
    for (const cell of cells) {
      if (typeof cell?.call !== 'function') throw new Error(`All cells must have a \`call\` method. Received cell without a \`call\` method: ${String(cell)}`);
      if (cell.stateSize === undefined) throw new Error(`All cells must have a \`state_size\` attribute. Received cell without a \`state_size\`: ${String(cell)}`);
    }
    this.cells = [...cells];
  }

  /** Every cell's state sizes, flat. */
  get stateSize(): number[] {
    return this.cells.flatMap(sizesOf);
  }

  get outputSize(): number {
    return outputSizeOf(this.cells[this.cells.length - 1]);
  }

  /** Builds each cell from the shape of what it reads: the step input, then the previous cell's output. */
  override build(inputShape: Shape | Shape[]): void {
    let shape = (isShapeList(inputShape) ? inputShape[0] : inputShape) as Shape;
    for (const cell of this.cells) {
      if (cell instanceof Layer) cell.maybeBuild(shape);
      else cell.build?.(shape);
      shape = [shape[0], outputSizeOf(cell)];
    }
  }

  getInitialState(batchSize: number): tf.Tensor[] {
    return this.cells.flatMap((cell) => cell.getInitialState?.(batchSize) ?? sizesOf(cell).map((size) => tf.zeros([batchSize, size])));
  }

  /** The first cell's input product over `[batch, time, features]` (the inputs themselves when it has none). */
  projectInputs(inputs: tf.Tensor, training: boolean | undefined): tf.Tensor {
    const first = this.cells[0];
    return isProjectingCell(first) ? first.projectInputs(inputs, training) : inputs;
  }

  /** One step of every cell, the first from its projected input. */
  stepProjected(projected: tf.Tensor, states: tf.Tensor[], options: CellStepOptions = {}): [tf.Tensor, tf.Tensor[]] {
    let offset = 0;
    let output = projected;
    const newStates: tf.Tensor[] = [];
    this.cells.forEach((cell, index) => {
      const count = sizesOf(cell).length;
      const cellStates = states.slice(offset, offset + count);
      offset += count;
      const [cellOutput, cellNewStates] = index === 0 && isProjectingCell(cell) ? cell.stepProjected(output, cellStates, options) : stepCell(cell, output, cellStates, options);
      output = cellOutput;
      newStates.push(...cellNewStates);
    });
    return [output, newStates];
  }

  beginSequence(stepShape: number[], training: boolean): void {
    let shape = stepShape;
    for (const cell of this.cells) {
      if (isProjectingCell(cell)) cell.beginSequence(shape, training);
      shape = [shape[0], outputSizeOf(cell)];
    }
  }

  endSequence(): void {
    for (const cell of this.cells) if (isProjectingCell(cell)) cell.endSequence();
  }

  /** The Layer contract, for the stack applied on its own: `[inputs, ...states]` → `[output, ...newStates]`. */
  override call(inputs: Tensors, options: CallOptions = {}): tf.Tensor[] {
    const [stepInputs, ...states] = Array.isArray(inputs) ? inputs : [inputs];
    const given = states.length > 0 ? states : this.getInitialState(stepInputs.shape[0]);
    const projected = tf.squeeze(this.projectInputs(tf.expandDims(stepInputs, 1), options.training), [1]);
    const [output, newStates] = this.stepProjected(projected, given, { training: options.training });
    return [output, ...newStates];
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const batch = ((isShapeList(inputShape) ? inputShape[0] : inputShape) as Shape)[0];
    return [[batch, this.outputSize], ...this.stateSize.map((size) => [batch, size])];
  }

  override getConfig(): Record<string, unknown> {
    const cells = this.cells.map((cell) => {
      if (!(cell instanceof Layer)) throw new Error(`Layer "${this.name}" cannot write its config: cell ${String(cell)} is not a Layer, so it has no Keras config.`);
      return serializeNestedLayer(cell);
    });
    return { ...super.getConfig(), cells };
  }

  /** The cells come from `registry` first (custom cells), then Strata's built-in cells. */
  static fromConfig(config: Record<string, unknown>, registry?: LayerClassRegistry): StackedRNNCells {
    const entries = config.cells;
    if (!Array.isArray(entries)) throw new Error(`StackedRNNCells's config needs a \`cells\` list; received cells=${JSON.stringify(entries)}.`);
    const cells = entries.map((entry) => deserializeNestedLayer(entry, registry, { SimpleRNNCell, LSTMCell, GRUCell }) as BaseRecurrentCell);
    return new StackedRNNCells(cells, layerArgsFromConfig(config));
  }
}

/** One step of a cell that is not first in the stack: its whole step (input product included). */
function stepCell(cell: StackableCell, inputs: tf.Tensor, states: tf.Tensor[], options: CellStepOptions): [tf.Tensor, tf.Tensor[]] {
  if (cell instanceof BaseRecurrentCell) return cell.step(inputs, states, options);
  const [output, newStates] = (cell as RecurrentCell).call(inputs, states, options);
  return [output, Array.isArray(newStates) ? newStates : [newStates]];
}
