/**
 * The depthwise convolution's gradients for wasm, which tfjs-backend-wasm 4.22
 * lacks. Both reduce to wasm's native kernels:
 * - filter: per channel c, dW[:, c, :] = patches_c [kh·kw, N] × dy_c [N, mult],
 *   one batched matrix product over the channels (im2col.ts builds patches_c);
 * - input: dy spread out and padded (spread-gradient.ts), then wasm's native
 *   DepthwiseConv2dNative with the flipped filter, and a sum over the channel
 *   multiplier when it is above 1.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fromConvInfo, im2col } from './im2col';
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
  const geometry = fromConvInfo(convInfo);
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  const taps = filterHeight * filterWidth;
  const pixels = geometry.batchSize * geometry.outHeight * geometry.outWidth;
  return composed(backend, (intermediates) => {
    const patches = intermediates.keep(backend.makeOutput([channels, taps, pixels], 'float32'));
    im2col(backend.typedArrayFromHeap(x) as Float32Array, backend.typedArrayFromHeap(patches) as Float32Array, geometry, 'channel-tap');
    const gradientPerChannel = intermediates.run('Transpose', { x: withShape(dy, [pixels, channels, multiplier]) }, { perm: [1, 0, 2] });
    const product = intermediates.run(
      'BatchMatMul',
      { a: patches, b: gradientPerChannel },
      { transposeA: false, transposeB: false },
    );
    const filterGradient = runWasmKernel(backend, 'Transpose', { x: product }, { perm: [1, 0, 2] });
    return withShape(filterGradient, [...filterShape]);
  });
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
