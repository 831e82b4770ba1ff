import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { type DataFormat, standardizeDataFormat } from './layout';

function tuple(value: number | number[] | null | undefined, count: number, what: string, op: string): number[] | null {
  if (value === null || value === undefined) return null;
  const list = typeof value === 'number' ? Array(count).fill(value) : [...value];
  if (list.length !== count) throw new RangeError(`ops.image.${op}: ${what} must be one number or ${count}; received ${JSON.stringify(value)}.`);
  return list;
}

/**
 * Patches of a channels-last batch `[N, ...spatial, C]`: Keras convolves with an identity kernel, so each output
 * position holds its patch flattened in (spatial offsets..., channel) order. Strata takes strided slices instead.
 */
function patchesOf(x: tf.Tensor, size: number[], strides: number[], dilation: number[], padding: 'valid' | 'same'): tf.Tensor {
  const spatial = x.shape.slice(1, -1);
  const pads: Array<[number, number]> = [[0, 0]];
  const outSizes = spatial.map((length, i) => {
    const effective = (size[i] - 1) * dilation[i] + 1;
    if (padding === 'valid') {
      pads.push([0, 0]);
      return Math.max(Math.floor((length - effective) / strides[i]) + 1, 0);
    }
    const out = Math.ceil(length / strides[i]);
    const total = Math.max((out - 1) * strides[i] + effective - length, 0);
    pads.push([Math.floor(total / 2), total - Math.floor(total / 2)]);
    return out;
  });
  pads.push([0, 0]);
  const padded = tf.pad(x, pads);
  const offsets: number[][] = [[]];
  const expanded = size.reduce((acc, length) => acc.flatMap((prefix) => Array.from({ length }, (_, k) => [...prefix, k])), offsets);
  const slices = expanded.map((offset) => {
    const begin = [0, ...offset.map((o, i) => o * dilation[i]), 0];
    const end = [x.shape[0], ...offset.map((o, i) => o * dilation[i] + (outSizes[i] - 1) * strides[i] + 1), x.shape[x.rank - 1]];
    return tf.stridedSlice(padded, begin, end, [1, ...strides, 1]);
  });
  const stacked = tf.stack(slices, x.rank - 1);
  return tf.reshape(stacked, [x.shape[0], ...outSizes, expanded.length * x.shape[x.rank - 1]]);
}

export interface ExtractPatchesOptions {
  /** Steps between patches; default: the patch size (no overlap). */
  strides?: number | number[] | null;
  /** Spacing of a patch's samples. Default 1. */
  dilationRate?: number | number[];
  /** 'valid' (the default) or 'same'. */
  padding?: 'valid' | 'same';
  dataFormat?: DataFormat | null;
}

function extract(input: TensorLike, size: number | number[], options: ExtractPatchesOptions, dims: 2 | 3, op: string): tf.Tensor {
  const format = standardizeDataFormat(options.dataFormat, op);
  const padding = options.padding ?? 'valid';
  if (padding !== 'valid' && padding !== 'same') throw new RangeError(`ops.image.${op}: padding must be 'valid' or 'same'; received "${padding}".`);
  const patch = tuple(size, dims, 'size', op) as number[];
  const strides = tuple(options.strides || null, dims, 'strides', op) ?? patch;
  const dilation = tuple(options.dilationRate ?? 1, dims, 'dilationRate', op) as number[];
  return tf.tidy(() => {
    const x = toTensor(input);
    if (x.rank !== dims + 1 && x.rank !== dims + 2) throw new RangeError(`ops.image.${op}: expected rank ${dims + 1} or ${dims + 2}; received shape [${x.shape}].`);
    const unbatched = x.rank === dims + 1;
    let batch = unbatched ? tf.expandDims(x, 0) : x;
    const toLast = [0, ...Array.from({ length: dims }, (_, i) => i + 2), 1];
    if (format === 'channels_first') batch = tf.transpose(batch, toLast);
    let out = patchesOf(batch, patch, strides, dilation, padding);
    if (format === 'channels_first') out = tf.transpose(out, [0, dims + 1, ...Array.from({ length: dims }, (_, i) => i + 1)]);
    return unbatched ? tf.squeeze(out, [0]) : out;
  });
}

/**
 * `ops.image.extractPatches(images, size, options)`: patches of `size` (an int or [h, w]; [d, h, w] for volumes)
 * flattened into the channels axis: [N, outH, outW, h·w·C] for channels-last images.
 */
export const extractPatches = /* @__PURE__ */ defineOp({ name: 'extract_patches', module: 'image' }, function extractPatches(
  images: TensorLike,
  size: number | number[],
  options: ExtractPatchesOptions = {},
): tf.Tensor {
  if (Array.isArray(size) && size.length === 3) return extract(images, size, options, 3, 'extractPatches');
  if (Array.isArray(size) && size.length !== 2) throw new TypeError(`ops.image.extractPatches: size must be an int or a tuple of length 2; received ${JSON.stringify(size)}.`);
  return extract(images, size, options, 2, 'extractPatches');
});

/** `ops.image.extractPatches3d(volumes, size, options)`: 3D patches ([d, h, w] or an int) flattened into the channels axis. */
export const extractPatches3d = /* @__PURE__ */ defineOp({ name: 'extract_patches_3d', module: 'image' }, function extractPatches3d(
  volumes: TensorLike,
  size: number | number[],
  options: ExtractPatchesOptions = {},
): tf.Tensor {
  if (Array.isArray(size) && size.length !== 3) throw new TypeError(`ops.image.extractPatches3d: size must be an int or a tuple of length 3; received ${JSON.stringify(size)}.`);
  return extract(volumes, size, options, 3, 'extractPatches3d');
});
