import * as tf from '@tensorflow/tfjs-core';
import type { DataFormat } from './image-utils';

/** The [height, width] of a batch of images (rank 4) in `dataFormat`. */
export function imageSize(images: tf.Tensor, dataFormat: DataFormat): [number, number] {
  const [, a, b, c] = images.shape;
  return dataFormat === 'channels_last' ? [a, b] : [b, c];
}

/** `images` (rank 4, `dataFormat`) as NHWC, transformed, and back in `dataFormat`. */
export function inNHWC(images: tf.Tensor, dataFormat: DataFormat, transform: (nhwc: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const nhwc = (dataFormat === 'channels_first' ? tf.transpose(images, [0, 2, 3, 1]) : images) as tf.Tensor4D;
    const output = transform(nhwc);
    return dataFormat === 'channels_first' ? (tf.transpose(output, [0, 3, 1, 2]) as tf.Tensor4D) : output;
  });
}

/** A random permutation of 0..n-1 (int32), drawn with `seed`: Keras's random.shuffle of arange(n). */
export function randomPermutation(n: number, seed: number): tf.Tensor1D {
  return tf.tidy(() => tf.topk(tf.randomUniform([n], 0, 1, 'float32', seed), n).indices as tf.Tensor1D);
}

/** `count` draws of Beta(alpha, alpha) as X / (X + Y) with X, Y ~ Gamma(alpha, 1). */
export function randomBeta(count: number, alpha: number, seeds: [number, number]): tf.Tensor1D {
  return tf.tidy(() => {
    const x = tf.randomGamma([count], alpha, 1, 'float32', seeds[0]);
    const y = tf.randomGamma([count], alpha, 1, 'float32', seeds[1]);
    return tf.div(x, tf.add(x, y)) as tf.Tensor1D;
  });
}
