/**
 * Conv3DBackpropInputV2 and Conv3DBackpropFilterV2 for wasm. tfjs-backend-wasm
 * 4.22's own return zeros (the input gradient) and wrong values (the filter
 * gradient) with stride 2 and 'same' padding, so a Conv3D layer with strides
 * trained on wasm without an error and without learning. These follow tfjs's
 * cpu kernels: one pass over the output positions and the filter taps that
 * land inside the input, on the wasm heap directly, channels innermost so that
 * every read is contiguous.
 */
import * as tf from '@tensorflow/tfjs-core';
import { asWasmBackend, type TensorInfo } from './wasm-backend';

type Shape5D = [number, number, number, number, number];
type Conv3DPad = 'valid' | 'same';

interface Conv3DBackpropInputAttrs {
  strides: [number, number, number] | number;
  pad: Conv3DPad;
  inputShape: Shape5D;
}

interface Conv3DBackpropFilterAttrs {
  strides: [number, number, number] | number;
  pad: Conv3DPad;
  filterShape: Shape5D;
}

/**
 * Calls `visit(inOffset, dyOffset, tapOffset)` for every output position and filter tap that reads an
 * input cell: the offsets of the input cell's first channel, the output cell's first channel and the
 * tap's [inChannels, outChannels] matrix.
 */
function forEachTap(info: tf.backend_util.Conv3DInfo, visit: (inOffset: number, dyOffset: number, tapOffset: number) => void): void {
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outDepth, outHeight, outWidth, outChannels } = info;
  const { filterDepth, filterHeight, filterWidth, strideDepth, strideHeight, strideWidth } = info;
  const { dilationDepth, dilationHeight, dilationWidth, padInfo } = info;
  const tapSize = inChannels * outChannels;
  for (let b = 0; b < batchSize; ++b) {
    for (let od = 0; od < outDepth; ++od) {
      for (let oh = 0; oh < outHeight; ++oh) {
        for (let ow = 0; ow < outWidth; ++ow) {
          const dyOffset = (((b * outDepth + od) * outHeight + oh) * outWidth + ow) * outChannels;
          for (let fd = 0; fd < filterDepth; ++fd) {
            const d = od * strideDepth - padInfo.front + fd * dilationDepth;
            if (d < 0 || d >= inDepth) continue;
            for (let fh = 0; fh < filterHeight; ++fh) {
              const h = oh * strideHeight - padInfo.top + fh * dilationHeight;
              if (h < 0 || h >= inHeight) continue;
              for (let fw = 0; fw < filterWidth; ++fw) {
                const w = ow * strideWidth - padInfo.left + fw * dilationWidth;
                if (w < 0 || w >= inWidth) continue;
                const inOffset = (((b * inDepth + d) * inHeight + h) * inWidth + w) * inChannels;
                visit(inOffset, dyOffset, ((fd * filterHeight + fh) * filterWidth + fw) * tapSize);
              }
            }
          }
        }
      }
    }
  }
}

export const conv3dBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const { strides, pad, inputShape } = attrs as unknown as Conv3DBackpropInputAttrs;
  const info = tf.backend_util.computeConv3DInfo(inputShape, filter.shape as Shape5D, strides, 1, pad);
  const dx = backend.makeOutput([...inputShape], 'float32');
  // Views taken after makeOutput, which may grow the heap and detach earlier views.
  const gradient = backend.typedArrayFromHeap(dy) as Float32Array;
  const weights = backend.typedArrayFromHeap(filter) as Float32Array;
  const result = backend.typedArrayFromHeap(dx) as Float32Array;
  result.fill(0);
  const { inChannels, outChannels } = info;
  forEachTap(info, (inOffset, dyOffset, tapOffset) => {
    for (let ci = 0; ci < inChannels; ++ci) {
      const row = tapOffset + ci * outChannels;
      let sum = 0;
      for (let co = 0; co < outChannels; ++co) sum += gradient[dyOffset + co] * weights[row + co];
      result[inOffset + ci] += sum;
    }
  });
  return dx;
};

export const conv3dBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const { strides, pad, filterShape } = attrs as unknown as Conv3DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv3DInfo(x.shape as Shape5D, filterShape, strides, 1, pad);
  const dw = backend.makeOutput([...filterShape], 'float32');
  const input = backend.typedArrayFromHeap(x) as Float32Array;
  const gradient = backend.typedArrayFromHeap(dy) as Float32Array;
  const result = backend.typedArrayFromHeap(dw) as Float32Array;
  result.fill(0);
  const { inChannels, outChannels } = info;
  forEachTap(info, (inOffset, dyOffset, tapOffset) => {
    for (let ci = 0; ci < inChannels; ++ci) {
      const value = input[inOffset + ci];
      const row = tapOffset + ci * outChannels;
      for (let co = 0; co < outChannels; ++co) result[row + co] += value * gradient[dyOffset + co];
    }
  });
  return dw;
};
