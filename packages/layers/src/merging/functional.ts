/**
 * Keras's lowercase functional merge helpers (`keras.layers.add([a, b])` is
 * `Add()([a, b])`): each makes the layer and calls it on the list, so they work
 * on symbolic tensors (a functional model records the layer) and on concrete
 * tensors alike.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { LayerArgs } from '../engine/layer';
import type { SymbolicTensor } from '../engine/symbolic-tensor';
import { Add } from './add';
import { Average } from './average';
import { type ConcatenateArgs, Concatenate } from './concatenate';
import { type DotArgs, Dot } from './dot';
import type { Merge } from './base-merge';
import { Maximum } from './maximum';
import { Minimum } from './minimum';
import { Multiply } from './multiply';
import { Subtract } from './subtract';

type MergeInputs = SymbolicTensor[] | tf.Tensor[];
type MergeOutput<T extends MergeInputs> = T extends SymbolicTensor[] ? SymbolicTensor : tf.Tensor;

function callOn<T extends MergeInputs>(layer: Merge, inputs: T, helper: string): MergeOutput<T> {
  if (!Array.isArray(inputs)) {
    throw new Error(`keras.layers.${helper}() takes a list of tensors; received ${Object.prototype.toString.call(inputs)}.`);
  }
  return layer.apply(inputs as tf.Tensor[]) as MergeOutput<T>;
}

/** `Add(args)(inputs)`: the element-wise sum. */
export function add<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Add(args), inputs, 'add');
}

/** `Subtract(args)(inputs)`: the first of two tensors minus the second. */
export function subtract<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Subtract(args), inputs, 'subtract');
}

/** `Multiply(args)(inputs)`: the element-wise product. */
export function multiply<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Multiply(args), inputs, 'multiply');
}

/** `Average(args)(inputs)`: the element-wise mean. */
export function average<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Average(args), inputs, 'average');
}

/** `Maximum(args)(inputs)`: the element-wise maximum. */
export function maximum<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Maximum(args), inputs, 'maximum');
}

/** `Minimum(args)(inputs)`: the element-wise minimum. */
export function minimum<T extends MergeInputs>(inputs: T, args: LayerArgs = {}): MergeOutput<T> {
  return callOn(new Minimum(args), inputs, 'minimum');
}

/** `Concatenate({ axis })(inputs)`; the axis defaults to -1 as in Keras. */
export function concatenate<T extends MergeInputs>(inputs: T, args: ConcatenateArgs = {}): MergeOutput<T> {
  return callOn(new Concatenate(args), inputs, 'concatenate');
}

/** `Dot(axes, args)(inputs)`: the per-sample dot product of two tensors. */
export function dot<T extends MergeInputs>(inputs: T, axes: number | [number, number], args: DotArgs = {}): MergeOutput<T> {
  return callOn(new Dot(axes, args), inputs, 'dot');
}
