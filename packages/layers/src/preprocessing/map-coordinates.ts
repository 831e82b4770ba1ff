import * as tf from '@tensorflow/tfjs-core';
import type { FillMode, Interpolation } from './image-utils';

/** The fill modes of Keras's map_coordinates: the affine ones and 'mirror' (d c b | a b c d | c b a), which RandomElasticTransform takes. */
export type SampleFillMode = FillMode | 'mirror';

/**
 * Keras 3's image resampling (backend.image.map_coordinates, which its
 * affine_transform and perspective_transform call) for a batch of NHWC images:
 * the output pixel (b, i, j) reads the input at the float position
 * (y[b, i, j], x[b, i, j]). Each neighbour's index is folded back into the
 * image by the fill mode on its own, as Keras does ('reflect' is
 * half-sample symmetric, d c b a | a b c d | d c b a); with 'constant' a
 * neighbour outside the image reads `fillValue`. tf.image.transform folds the
 * position instead, which differs from Keras one pixel from the border, hence
 * this sampler. 'nearest' interpolation rounds half to even, as torch.round.
 */
export function sampleImages(
  images: tf.Tensor4D,
  y: tf.Tensor3D,
  x: tf.Tensor3D,
  interpolation: Interpolation,
  fillMode: SampleFillMode,
  fillValue: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width, channels] = images.shape;
    const flat = tf.reshape(tf.cast(images, 'float32'), [batch * height * width, channels]);
    // Flat indices in float32 (exact below 2^24 pixels per batch), cast once for gather.
    const batchOffset = tf.reshape(tf.mul(tf.range(0, batch, 1, 'float32'), height * width), [batch, 1, 1]);
    const yNodes = interpolationNodes(y, interpolation);
    const xNodes = interpolationNodes(x, interpolation);
    let output: tf.Tensor | null = null;
    for (const [yIndex, yWeight] of yNodes) {
      for (const [xIndex, xWeight] of xNodes) {
        const row = fixIndex(yIndex, height, fillMode);
        const column = fixIndex(xIndex, width, fillMode);
        const index = tf.cast(tf.add(batchOffset, tf.add(tf.mul(row, width), column)), 'int32');
        let values: tf.Tensor = tf.gather(flat, index);
        if (fillMode === 'constant') {
          const valid = tf.logicalAnd(inRange(yIndex, height), inRange(xIndex, width));
          values = tf.where(tf.expandDims(valid, -1), values, tf.scalar(fillValue));
        }
        const contribution = tf.mul(tf.expandDims(tf.mul(yWeight, xWeight), -1), values);
        output = output === null ? contribution : tf.add(output, contribution);
      }
    }
    return output as tf.Tensor4D;
  });
}

/** The neighbours (float indices) of each position and their weights. */
function interpolationNodes(coordinate: tf.Tensor3D, interpolation: Interpolation): Array<[tf.Tensor, tf.Tensor]> {
  if (interpolation === 'nearest') return [[tf.round(coordinate), tf.onesLike(coordinate)]];
  const lower = tf.floor(coordinate);
  const upperWeight = tf.sub(coordinate, lower);
  return [
    [lower, tf.sub(1, upperWeight)],
    [tf.add(lower, 1), upperWeight],
  ];
}

function inRange(index: tf.Tensor, size: number): tf.Tensor {
  return tf.logicalAnd(tf.greaterEqual(index, 0), tf.less(index, size));
}

/** Keras's index fixers: clip ('constant', 'nearest'), floor-mod ('wrap'), the whole-sample ('mirror') or half-sample ('reflect') reflection. */
function fixIndex(index: tf.Tensor, size: number, fillMode: SampleFillMode): tf.Tensor {
  switch (fillMode) {
    case 'constant':
    case 'nearest':
      return tf.clipByValue(index, 0, size - 1);
    case 'wrap':
      return tf.mod(index, size);
    case 'mirror':
      // Keras's mirror of a one-pixel axis divides by zero; the only index there is 0.
      return size === 1 ? tf.zerosLike(index) : mirror(index, size);
    case 'reflect':
      return tf.floorDiv(tf.sub(mirror(tf.add(tf.mul(index, 2), 1), 2 * size + 1), 1), 2);
  }
}

/** The triangular wave |(i + s) mod 2s - s| of period 2s, s = size - 1. */
function mirror(index: tf.Tensor, size: number): tf.Tensor {
  const s = size - 1;
  return tf.abs(tf.sub(tf.mod(tf.add(index, s), 2 * s), s));
}

/** The (y, x) input positions of every output pixel of a [height, width] image as a grid of [1, height, width]. */
export function pixelGrid(height: number, width: number): { y: tf.Tensor3D; x: tf.Tensor3D } {
  return tf.tidy(() => {
    const y = tf.tile(tf.reshape(tf.range(0, height, 1, 'float32'), [1, height, 1]), [1, 1, width]) as tf.Tensor3D;
    const x = tf.tile(tf.reshape(tf.range(0, width, 1, 'float32'), [1, 1, width]), [1, height, 1]) as tf.Tensor3D;
    return { y, x };
  });
}
