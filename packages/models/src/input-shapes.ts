import { type Shape, formatShape } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from './errors';

/** What a model declares for one input: its shape with `null` for free axes (null when unknown) and its dtype. */
export interface ModelInputSpec {
  shape: Shape | null;
  dtype: tf.DataType;
}

/**
 * Keras's Functional `_adjust_input_rank`: an input with one more axis than
 * declared, of size 1 at the end, is squeezed; one with one axis less, where
 * the declared last axis is 1, is expanded. Returns the shape the model sees,
 * or null when the ranks cannot be matched.
 */
function adjustedShape(declared: Shape, shape: number[]): number[] | null {
  if (shape.length === declared.length) return shape;
  if (shape.length === declared.length + 1 && shape[shape.length - 1] === 1) return shape.slice(0, -1);
  if (shape.length === declared.length - 1 && declared[declared.length - 1] === 1) return [...shape, 1];
  return null;
}

/**
 * Keras's check of the inputs given to a model against its `Input`s: as many
 * tensors as inputs, each of the declared rank (up to the adjustment above)
 * and sizes (`null` axes are free). The wording follows Keras's InputSpec error.
 */
export function checkInputShapes(modelName: string, expected: Array<Shape | null>, received: number[][]): void {
  if (expected.length !== received.length) {
    throw new ValueError(
      `Model "${modelName}" expects ${expected.length} input(s), but it received ${received.length} input tensor(s).`,
    );
  }
  received.forEach((shape, index) => {
    const declared = expected[index];
    if (declared === null) return;
    const seen = adjustedShape(declared, shape);
    const compatible = seen !== null && declared.every((size, axis) => size === null || size === seen[axis]);
    if (!compatible) {
      throw new ValueError(
        `Input ${index} of model "${modelName}" is incompatible with the model: expected shape=${formatShape(declared)}, found shape=${formatShape(shape)}.`,
      );
    }
  });
}

/** The input reshaped to its declared rank (see `adjustedShape`); itself when the rank already matches. Call after the check. */
export function adjustInputRank(tensor: tf.Tensor, declared: Shape): tf.Tensor {
  if (tensor.rank === declared.length) return tensor;
  const shape = adjustedShape(declared, tensor.shape);
  return shape === null ? tensor : tf.reshape(tensor, shape);
}
