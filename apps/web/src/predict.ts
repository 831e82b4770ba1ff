/**
 * Predicting the drawn digit with whichever model is active: the one trained
 * here or one loaded from a Keras file, whatever its input shape
 * ((28, 28), (784,) or (28, 28, 1)) and whether it ends in logits or a softmax.
 */
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';

export interface Prediction {
  digit: number;
  probabilities: number[];
  /** True when the model's outputs were logits and the page applied the softmax. */
  softmaxApplied: boolean;
}

function inputShapeOf(model: Model): number[] {
  // A functional model has symbolic inputs; a Sequential built from `inputShape` keeps its batchInputShape.
  const shape = model.inputs[0]?.shape ?? model.batchInputShape;
  if (!shape) throw new Error(`Model '${model.name}' declares no input shape, so the page cannot tell which shape to feed it.`);
  const rest = shape.slice(1);
  const size = rest.reduce<number>((product, d) => product * (d ?? Number.NaN), 1);
  if (size !== 784) {
    throw new Error(
      `Model '${model.name}' takes inputs of shape (${shape.map((d) => d ?? 'None').join(', ')}), ` +
        'but a drawn digit has 784 pixels: expected (None, 28, 28), (None, 784) or (None, 28, 28, 1).',
    );
  }
  return [1, ...(rest as number[])];
}

export async function predictDigit(model: Model, pixels: Float32Array): Promise<Prediction> {
  const shape = inputShapeOf(model);
  const input = tf.tensor(pixels, shape, 'float32');
  const output = (await model.predict(input, { verbose: 0 })) as tf.Tensor;
  input.dispose();
  const values = Array.from(await output.data());
  output.dispose();
  if (values.length !== 10) {
    throw new Error(`Model '${model.name}' returned ${values.length} values, but a digit classifier returns 10.`);
  }
  const sum = values.reduce((a, b) => a + b, 0);
  const isDistribution = values.every((v) => v >= 0) && Math.abs(sum - 1) < 1e-3;
  let probabilities = values;
  if (!isDistribution) {
    const max = Math.max(...values);
    const exps = values.map((v) => Math.exp(v - max));
    const total = exps.reduce((a, b) => a + b, 0);
    probabilities = exps.map((e) => e / total);
  }
  const digit = probabilities.indexOf(Math.max(...probabilities));
  return { digit, probabilities, softmaxApplied: !isDistribution };
}
