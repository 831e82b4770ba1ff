import { type Shape, formatShape } from '@strata/layers';
import type * as tf from '@tensorflow/tfjs-core';
import { ValueError } from './errors';

/** What a model declares for one input: its shape with `null` for free axes (null when unknown) and its dtype. */
export interface ModelInputSpec {
  shape: Shape | null;
  dtype: tf.DataType;
}

/**
 * Keras's check of the inputs given to a model against its `Input`s: as many
 * tensors as inputs, each of the declared rank and sizes (`null` axes are
 * free). The wording follows Keras's InputSpec error.
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
    const compatible = declared.length === shape.length && declared.every((size, axis) => size === null || size === shape[axis]);
    if (!compatible) {
      throw new ValueError(
        `Input ${index} of model "${modelName}" is incompatible with the model: expected shape=${formatShape(declared)}, found shape=${formatShape(shape)}.`,
      );
    }
  });
}
