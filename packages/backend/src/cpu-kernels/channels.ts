/**
 * NCHW ↔ NHWC copies, so the convolution kernels, written for NHWC, also take
 * tfjs's dataFormat 'NCHW': one pass over the tensor, small next to the
 * product that follows.
 */

export type Shape4D = readonly [number, number, number, number];

/** [b, c, h, w] → [b, h, w, c]. */
export function toChannelsLast(values: Float32Array, [batch, channels, height, width]: Shape4D): Float32Array {
  const out = new Float32Array(values.length);
  const plane = height * width;
  for (let b = 0; b < batch; ++b) {
    const image = b * channels * plane;
    for (let c = 0; c < channels; ++c) {
      const source = image + c * plane;
      for (let pixel = 0; pixel < plane; ++pixel) out[image + pixel * channels + c] = values[source + pixel];
    }
  }
  return out;
}

/** [b, h, w, c] → [b, c, h, w]. */
export function toChannelsFirst(values: Float32Array, [batch, height, width, channels]: Shape4D): Float32Array {
  const out = new Float32Array(values.length);
  const plane = height * width;
  for (let b = 0; b < batch; ++b) {
    const image = b * channels * plane;
    for (let c = 0; c < channels; ++c) {
      const target = image + c * plane;
      for (let pixel = 0; pixel < plane; ++pixel) out[target + pixel] = values[image + pixel * channels + c];
    }
  }
  return out;
}
