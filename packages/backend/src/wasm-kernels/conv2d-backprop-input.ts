/**
 * Conv2DBackpropInput for wasm. tfjs-backend-wasm 4.22 has one, a plain C++
 * loop that took 58 ms for the tutorial CNN's second layer (batch 32,
 * 13×13×32 → 11×11×64), ten times its forward convolution. This one spreads
 * dy (spread-gradient.ts) and runs wasm's XNNPACK Conv2D with the flipped,
 * channel-swapped filter.
 */
import * as tf from '@tensorflow/tfjs-core';
import { flipFilter, spreadGeometry, spreadGradient, spreadShape } from './spread-gradient';
import { asWasmBackend, composed, runWasmKernel, type TensorInfo } from './wasm-backend';

interface Conv2DBackpropInputAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  inputShape: [number, number, number, number];
}

export const conv2dBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as Conv2DBackpropInputAttrs;
  const convInfo = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const geometry = spreadGeometry(convInfo);
  return composed(backend, (intermediates) => {
    let gradient = dy;
    if (convInfo.dataFormat === 'channelsFirst') gradient = intermediates.run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] });
    const spread = intermediates.keep(backend.makeOutput(spreadShape(geometry), 'float32'));
    const [filterHeight, filterWidth, inChannels, outChannels] = filter.shape;
    const flipped = intermediates.keep(backend.makeOutput([filterHeight, filterWidth, outChannels, inChannels], 'float32'));
    spreadGradient(backend.typedArrayFromHeap(gradient) as Float32Array, backend.typedArrayFromHeap(spread) as Float32Array, geometry);
    flipFilter(backend.typedArrayFromHeap(filter) as Float32Array, backend.typedArrayFromHeap(flipped) as Float32Array, filter.shape);
    const convAttrs = { strides: 1, pad: 'valid', dilations: 1, dataFormat: 'NHWC' };
    if (convInfo.dataFormat === 'channelsLast') return runWasmKernel(backend, 'Conv2D', { x: spread, filter: flipped }, convAttrs);
    const channelsLast = intermediates.run('Conv2D', { x: spread, filter: flipped }, convAttrs);
    return runWasmKernel(backend, 'Transpose', { x: channelsLast }, { perm: [0, 3, 1, 2] });
  });
};
