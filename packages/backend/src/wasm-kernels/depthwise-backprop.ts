/**
 * The depthwise convolution's gradients for wasm, which tfjs-backend-wasm 4.22
 * lacks:
 * - filter: dW[kh, kw, c, m] = Σ_n xpad[n shifted by (kh, kw), c] · dy[n, c·M + m]
 *   in one pass over dy on the wasm heap, channels innermost, accumulated in
 *   float64. For x 8×56×56×64 and a 3×3 filter this pass takes 49 ms of CPU;
 *   per-channel patches × dy as one batched matrix product took 136 ms (wasm
 *   runs batched products with a plain loop, not XNNPACK), and tfjs's cpu
 *   kernel 3 s.
 * - input: dy spread out and padded (spread-gradient.ts), then wasm's native
 *   DepthwiseConv2dNative with the flipped filter, and a sum over the channel
 *   multiplier when it is above 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import { flipFilter, spreadGeometry, spreadGradient, spreadShape } from './spread-gradient';
import { asWasmBackend, composed, runWasmKernel, type TensorInfo, withShape } from './wasm-backend';

interface DepthwiseAttrs {
  strides: [number, number] | number;
  dilations: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

type Shape4D = [number, number, number, number];

export const depthwiseConv2dBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } = attrs as unknown as DepthwiseAttrs & { filterShape: Shape4D };
  const convInfo = tf.backend_util.computeConv2DInfo(x.shape as Shape4D, filterShape, strides, dilations, pad, dimRoundingMode, true);
  const { batchSize, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = convInfo;
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  const depth = channels * multiplier;
  const output = backend.makeOutput([...filterShape], 'float32');
  const input = backend.typedArrayFromHeap(x) as Float32Array;
  const gradient = backend.typedArrayFromHeap(dy) as Float32Array;
  const sums = new Float64Array(filterHeight * filterWidth * depth);
  let dyOffset = 0;
  for (let b = 0; b < batchSize; ++b) {
    for (let y = 0; y < outHeight; ++y) {
      for (let x0 = 0; x0 < outWidth; ++x0, dyOffset += depth) {
        let tapOffset = 0;
        for (let kh = 0; kh < filterHeight; ++kh) {
          const h = y * strideHeight + kh * dilationHeight - convInfo.padInfo.top;
          for (let kw = 0; kw < filterWidth; ++kw, tapOffset += depth) {
            const w = x0 * strideWidth + kw * dilationWidth - convInfo.padInfo.left;
            if (h < 0 || h >= inHeight || w < 0 || w >= inWidth) continue;
            const pixel = ((b * inHeight + h) * inWidth + w) * channels;
            if (multiplier === 1) {
              for (let c = 0; c < channels; ++c) sums[tapOffset + c] += input[pixel + c] * gradient[dyOffset + c];
              continue;
            }
            for (let c = 0; c < channels; ++c) {
              const value = input[pixel + c];
              const column = c * multiplier;
              for (let m = 0; m < multiplier; ++m) sums[tapOffset + column + m] += value * gradient[dyOffset + column + m];
            }
          }
        }
      }
    }
  }
  backend.typedArrayFromHeap(output).set(sums);
  return output;
};

export const depthwiseConv2dBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } = attrs as unknown as DepthwiseAttrs & { inputShape: Shape4D };
  const convInfo = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4D, strides, dilations, pad, dimRoundingMode, true);
  const geometry = spreadGeometry(convInfo);
  const [filterHeight, filterWidth, channels, multiplier] = filter.shape;
  return composed(backend, (intermediates) => {
    const spread = intermediates.keep(backend.makeOutput(spreadShape(geometry), 'float32'));
    const flippedShape = [filterHeight, filterWidth, channels * multiplier, 1];
    const flipped = intermediates.keep(backend.makeOutput(flippedShape, 'float32'));
    spreadGradient(backend.typedArrayFromHeap(dy) as Float32Array, backend.typedArrayFromHeap(spread) as Float32Array, geometry);
    flipFilter(backend.typedArrayFromHeap(filter) as Float32Array, backend.typedArrayFromHeap(flipped) as Float32Array, flippedShape);
    const convAttrs = { strides: 1, pad: 'valid', dilations: [convInfo.dilationHeight, convInfo.dilationWidth] };
    if (multiplier === 1) return runWasmKernel(backend, 'DepthwiseConv2dNative', { x: spread, filter: flipped }, convAttrs);
    const perMultiplier = intermediates.run('DepthwiseConv2dNative', { x: spread, filter: flipped }, convAttrs);
    const [batchSize, inHeight, inWidth] = inputShape;
    const split = withShape(perMultiplier, [batchSize, inHeight, inWidth, channels, multiplier]);
    return runWasmKernel(backend, 'Sum', { x: split }, { axis: [4], keepDims: false });
  });
};
