/**
 * Predicting the drawn digit with whichever model is active: the one trained
 * here or one loaded from a Keras file, whatever its input shape
 * ((28, 28), (784,) or (28, 28, 1)) and whether it ends in logits or a softmax.
 */
import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';
import type { DigitSplit } from './subset-format';

export interface Prediction {
  digit: number;
  probabilities: number[];
  /** True when the model's outputs were logits and the page applied the softmax. */
  softmaxApplied: boolean;
}

/** The model's input shape for `count` digits: [count, 28, 28], [count, 784] or [count, 28, 28, 1]. */
function inputShapeOf(model: Model, count = 1): number[] {
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
  return [count, ...(rest as number[])];
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

/**
 * The share of the test split that `model` classifies right (argmax of its ten outputs against the labels), for
 * any digit model the page holds: the one trained here or one loaded from a file, compiled or not.
 */
export async function testAccuracy(model: Model, split: DigitSplit): Promise<number> {
  const input = tf.tidy(() => tf.div(tf.cast(tf.tensor(split.images, inputShapeOf(model, split.count), 'int32'), 'float32'), 255));
  const output = (await model.predict(input, { batchSize: 250, verbose: 0 })) as tf.Tensor;
  input.dispose();
  if (output.shape.length !== 2 || output.shape[1] !== 10) {
    const shape = output.shape.join(', ');
    output.dispose();
    throw new Error(`Model '${model.name}' returned outputs of shape (${shape}), but a digit classifier returns (count, 10).`);
  }
  const predicted = tf.tidy(() => tf.argMax(output, -1));
  output.dispose();
  const digits = await predicted.data();
  predicted.dispose();
  let right = 0;
  for (let i = 0; i < split.count; i++) if (digits[i] === split.labels[i]) right++;
  return right / split.count;
}
