import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import { checkInputShapes } from '../input-shapes';
import type { Model } from '../model';

/**
 * Refuses, before any batch is made, data that does not fit the model: a
 * number of inputs or of targets other than the model's, an input shape other
 * than its `Input`s' (checked again on each call, for Datasets).
 */
export function checkModelData(model: Model, xs: tf.Tensor[], ys: tf.Tensor[] | null): void {
  const specs = model.inputSpecs();
  if (specs) {
    checkInputShapes(
      model.name,
      specs.map((s) => s.shape),
      xs.map((t) => t.shape),
    );
  }
  if (ys) checkTargetCount(model, ys.length);
}

/** The compiled losses are one per output: as many targets are needed (without a compiled loss, they are the step's business). */
export function checkTargetCount(model: Model, targets: number): void {
  const outputs = model.compiled?.losses.length;
  if (outputs && outputs !== targets) {
    throw new ValueError(`Model "${model.name}" has ${outputs} output(s), but ${targets} target array(s) were given.`);
  }
}

/**
 * Casts each input to the dtype of the model's `Input`, as Keras's Functional
 * converts its inputs (int32 pixels into a float32 model, say). Strings are
 * left alone; a model that declares no input keeps its data as given. Call
 * inside a tidy: the casts are new tensors.
 */
export function castInputs(model: Model, xs: tf.Tensor[]): tf.Tensor[] {
  const specs = model.inputSpecs();
  if (!specs) return xs;
  return xs.map((x, i) => {
    const dtype = specs[i]?.dtype;
    if (dtype === undefined || x.dtype === dtype || x.dtype === 'string' || dtype === 'string') return x;
    return tf.cast(x, dtype);
  });
}
