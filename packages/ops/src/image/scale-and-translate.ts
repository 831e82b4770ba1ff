import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { applyAlongAxis } from './layout';

export type ScaleAndTranslateMethod = 'linear' | 'bilinear' | 'trilinear' | 'cubic' | 'bicubic' | 'tricubic' | 'lanczos3' | 'lanczos5';

const KERNELS: Record<string, (x: number) => number> = {
  linear: (x) => Math.max(0, 1 - Math.abs(x)),
  // Keys' cubic with a = -0.5; x is already non-negative.
  cubic: (x) => (x >= 2 ? 0 : x >= 1 ? ((-0.5 * x + 2.5) * x - 4) * x + 2 : (1.5 * x - 2.5) * x * x + 1),
  lanczos3: (x) => lanczos(3, x),
  lanczos5: (x) => lanczos(5, x),
};

function lanczos(radius: number, x: number): number {
  if (x > radius) return 0;
  if (x <= 1e-3) return 1;
  return (radius * Math.sin(Math.PI * x) * Math.sin((Math.PI * x) / radius)) / (Math.PI ** 2 * x ** 2);
}

/** The (outSize × inSize) weights of jax.image.scale_and_translate along one axis (Keras's `_compute_weight_mat`, transposed). */
function weights(inSize: number, outSize: number, scale: number, translation: number, kernel: (x: number) => number, antialias: boolean): Float32Array {
  const invScale = 1 / scale;
  const kernelScale = antialias ? Math.max(invScale, 1) : 1;
  const out = new Float32Array(outSize * inSize);
  for (let j = 0; j < outSize; j++) {
    const sample = (j + 0.5) * invScale - translation * invScale - 0.5;
    if (sample < -0.5 || sample > inSize - 0.5) continue;
    const column = Array.from({ length: inSize }, (_, i) => kernel(Math.abs(sample - i) / kernelScale));
    const total = column.reduce((a, b) => a + b, 0);
    if (!(Math.abs(total) > 1000 * 1.1920928955078125e-7)) continue;
    column.forEach((v, i) => (out[j * inSize + i] = v / total));
  }
  return out;
}

function numbers(value: TensorLike | number[], what: string): number[] {
  if (value instanceof tf.Tensor) return Array.from(value.dataSync(), Number);
  if (Array.isArray(value)) return (value as unknown[]).map(Number);
  if (typeof value === 'number') return [value];
  throw new TypeError(`ops.image.scaleAndTranslate: ${what} must be numbers; received ${typeof value}.`);
}

export interface ScaleAndTranslateOptions {
  /** Widen the kernel when downsampling. Default true. */
  antialias?: boolean;
}

/**
 * `ops.image.scaleAndTranslate(images, outputShape, scale, translation, spatialDims, method, { antialias })`:
 * JAX's `scale_and_translate` as Keras's torch backend computes it: along each of `spatialDims`, output sample j
 * reads input position (j + 0.5 - translation) / scale - 0.5 through the chosen kernel. `scale` and
 * `translation` (one per spatial dim) are read as numbers; integer images are rounded and clipped to their range.
 */
export const scaleAndTranslate = /* @__PURE__ */ defineOp({ name: 'scale_and_translate', module: 'image' }, function scaleAndTranslate(
  images: TensorLike,
  outputShape: number[],
  scale: TensorLike | number[],
  translation: TensorLike | number[],
  spatialDims: number[],
  method: ScaleAndTranslateMethod,
  options: ScaleAndTranslateOptions = {},
): tf.Tensor {
  const family = ['linear', 'bilinear', 'trilinear'].includes(method) ? 'linear' : ['cubic', 'bicubic', 'tricubic'].includes(method) ? 'cubic' : method;
  const kernel = KERNELS[family];
  if (kernel === undefined) throw new RangeError(`ops.image.scaleAndTranslate: unknown method "${method}"; expected linear, bilinear, trilinear, cubic, bicubic, tricubic, lanczos3 or lanczos5.`);
  const scales = numbers(scale, 'scale');
  const translations = numbers(translation, 'translation');
  const antialias = options.antialias ?? true;
  return tf.tidy(() => {
    const x = toTensor(images);
    let output = tf.cast(x, 'float32');
    spatialDims.forEach((dim, i) => {
      const d = ((dim % x.rank) + x.rank) % x.rank;
      const inSize = x.shape[d];
      const outSize = outputShape[d];
      const w = tf.tensor2d(weights(inSize, outSize, scales[i], translations[i], kernel, antialias), [outSize, inSize]);
      output = applyAlongAxis(output, w, d);
    });
    if (x.dtype === 'float32') return output;
    return tf.cast(tf.clipByValue(tf.round(output), tf.min(x).dataSync()[0], tf.max(x).dataSync()[0]), x.dtype);
  });
});
