/**
 * StrataConv2D for the cpu backend: activation(conv2d(x, filter) + bias) for
 * 'linear' and 'relu', NHWC (NCHW through a copy), any strides, padding and
 * dilations. One im2col pass lays the input out as patches [kh·kw·ci, N]
 * (N = b·oh·ow output pixels); the output [N, co] is then patchesᵀ · filter,
 * the filter [kh, kw, ci, co] being already a [kh·kw·ci, co] matrix, with
 * matmul.ts's blocked product, which adds the bias and applies relu to each
 * block of rows as it finishes.
 *
 * tfjs-backend-cpu's Conv2D is a direct loop; this is 3–4× faster than its
 * FusedConv2D on the tutorial CNN (numbers in cpu-training-kernels.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { fromConvInfo, im2col } from '../kernels-common/im2col';
import { toChannelsFirst, toChannelsLast } from './channels';
import { asCpuBackend, float32Values } from './cpu-backend';
import { imagePasses } from './image-passes';
import { addProduct, type FinishRows } from './matmul';
import { STRATA_CONV2D } from '../kernel-names';

export { STRATA_CONV2D };

export type ConvPadding = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

export interface StrataConv2DAttrs {
  strides: [number, number] | number;
  pad: ConvPadding;
  dilations: [number, number] | number;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation: 'linear' | 'relu';
  /** 'NHWC' when absent. */
  dataFormat?: 'NHWC' | 'NCHW';
}

type Shape4D = [number, number, number, number];

export const strataConv2D: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { x, filter, bias } = inputs as { x: tf.TensorInfo; filter: tf.TensorInfo; bias?: tf.TensorInfo };
  const { strides, pad, dilations, dimRoundingMode, activation, dataFormat = 'NHWC' } = attrs as unknown as StrataConv2DAttrs;
  if (activation !== 'linear' && activation !== 'relu') {
    throw new Error(`${STRATA_CONV2D} takes activation 'linear' or 'relu', but received '${String(activation)}'.`);
  }
  if (x.shape.length !== 4 || filter.shape.length !== 4) {
    throw new Error(`${STRATA_CONV2D} takes a rank-4 x and filter, but received shapes [${x.shape}] and [${filter.shape}].`);
  }
  const convInfo = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4D,
    filter.shape as Shape4D,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  if (filter.shape[2] !== convInfo.inChannels) {
    throw new Error(
      `${STRATA_CONV2D}: the filter [${filter.shape}] expects ${filter.shape[2]} input channels, but x [${x.shape}] (${dataFormat}) has ${convInfo.inChannels}.`,
    );
  }
  const channelsFirst = convInfo.dataFormat === 'channelsFirst';
  const xValues = float32Values(backend, x, STRATA_CONV2D, 'x');
  const input = channelsFirst ? toChannelsLast(xValues, x.shape as Shape4D) : xValues;
  const weights = float32Values(backend, filter, STRATA_CONV2D, 'filter');
  const outChannels = convInfo.outChannels;
  const biasValues = bias === undefined ? undefined : perChannelBias(float32Values(backend, bias, STRATA_CONV2D, 'bias'), outChannels);

  const geometry = fromConvInfo(convInfo);
  const patchRows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
  const imageSize = geometry.inHeight * geometry.inWidth * geometry.inChannels;
  const outImageSize = geometry.outHeight * geometry.outWidth * outChannels;
  const out = new Float32Array(geometry.batchSize * outImageSize);
  const passes = imagePasses(geometry, patchRows);
  const patches = new Float32Array(patchRows * passes[0].pixels);
  const finishRows = biasAndActivation(biasValues, activation, outChannels);
  for (const { first, geometry: passGeometry, pixels } of passes) {
    const images = passGeometry.batchSize;
    const passPatches = patches.subarray(0, patchRows * pixels);
    im2col(input.subarray(first * imageSize, (first + images) * imageSize), passPatches, passGeometry, 'tap-channel');
    const shape = { rows: pixels, depth: patchRows, columns: outChannels, transposeA: true, transposeB: false };
    addProduct(passPatches, weights, out.subarray(first * outImageSize, (first + images) * outImageSize), shape, finishRows);
  }
  const nhwcShape: Shape4D = [geometry.batchSize, geometry.outHeight, geometry.outWidth, outChannels];
  return backend.makeTensorInfo([...convInfo.outShape], 'float32', channelsFirst ? toChannelsFirst(out, nhwcShape) : out);
};

/** A bias of one value per output channel; a single value is repeated. */
function perChannelBias(bias: Float32Array, outChannels: number): Float32Array {
  if (bias.length === outChannels) return bias;
  if (bias.length === 1) return new Float32Array(outChannels).fill(bias[0]);
  throw new Error(`${STRATA_CONV2D} takes a bias of ${outChannels} values (one per output channel) or 1, but received ${bias.length}.`);
}

/**
 * out[n, c] = activation(out[n, c] + bias[c]) on finished rows of the NHWC
 * output, run by the product while they are in cache.
 *
 * relu is computed as (v + |v|) / 2, which has no branch: with `v > 0 ? v : 0`
 * half of the random-signed sums mispredicted, and relu cost as much as W3's
 * first-layer product (4.6 against 0.9 ms for its 692,224 values). It is exact
 * for every finite v; -Infinity, which only infinite inputs produce, gives
 * NaN instead of 0.
 */
export function biasAndActivation(bias: Float32Array | undefined, activation: 'linear' | 'relu', channels: number): FinishRows | undefined {
  if (bias === undefined) {
    if (activation === 'linear') return undefined;
    return (out, start, end) => {
      for (let i = start; i < end; ++i) {
        const value = out[i];
        out[i] = (value + Math.abs(value)) * 0.5;
      }
    };
  }
  if (activation === 'linear') {
    return (out, start, end) => {
      for (let row = start; row < end; row += channels) for (let c = 0; c < channels; ++c) out[row + c] += bias[c];
    };
  }
  return (out, start, end) => {
    for (let row = start; row < end; row += channels) {
      for (let c = 0; c < channels; ++c) {
        const value = out[row + c] + bias[c];
        out[row + c] = (value + Math.abs(value)) * 0.5;
      }
    }
  };
}
