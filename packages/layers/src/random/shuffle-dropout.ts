import * as tf from '@tensorflow/tfjs-core';
import { type RandomSeed, drawSeed } from './seed-generator';

/** `x` with its slices along `axis` in a random order (Keras's `random.shuffle`). */
export function shuffle(x: tf.Tensor, options: { axis?: number; seed?: RandomSeed } = {}): tf.Tensor {
  const axis = options.axis ?? 0;
  const resolved = axis < 0 ? axis + x.rank : axis;
  if (!Number.isInteger(resolved) || resolved < 0 || resolved >= x.rank) throw new RangeError(`random.shuffle: \`axis\` ${axis} is out of range for a tensor of rank ${x.rank}.`);
  return tf.tidy(() => {
    const keys = tf.randomUniform([x.shape[resolved]], 0, 1, 'float32', drawSeed(options.seed));
    const order = tf.topk(keys, x.shape[resolved]).indices;
    return tf.gather(x, order, resolved);
  });
}

/**
 * Zeroes each element with probability `rate` and scales the rest by
 * 1 / (1 - rate) (Keras's `random.dropout`); `noiseShape` draws one decision
 * per slice where it has 1s.
 */
export function dropout(inputs: tf.Tensor, rate: number, options: { noiseShape?: number[] | null; seed?: RandomSeed } = {}): tf.Tensor {
  if (!(rate >= 0 && rate < 1)) throw new RangeError(`random.dropout: \`rate\` must be in [0, 1). Received: ${rate}.`);
  return tf.tidy(() => {
    const noiseShape = options.noiseShape ?? inputs.shape;
    const keep = tf.greaterEqual(tf.randomUniform(noiseShape, 0, 1, 'float32', drawSeed(options.seed)), rate);
    return tf.div(tf.mul(tf.cast(inputs, 'float32'), tf.cast(keep, 'float32')), 1 - rate);
  });
}
