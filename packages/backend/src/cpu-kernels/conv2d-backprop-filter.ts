/**
 * StrataConv2DBackpropFilter for the cpu backend, with the inputs and
 * attributes of tfjs's Conv2DBackpropFilter:
 * dW[kh, kw, ci, co] = Σ_{b,y,x} xpad[b, y·s + kh, x·s + kw, ci] · dy[b, y, x, co],
 * computed as patches [kh·kw·ci, N] · dy [N, co] with N = b·oh·ow: one im2col
 * pass over the input (the one the wasm kernel uses), then matmul.ts's blocked
 * product, whose result already has the filter's [kh, kw, ci, co] layout.
 *
 * tfjs-backend-cpu's kernel reads every element through TensorBuffer.get and
 * took about 15 s for the tutorial CNN's three layers at batch 32; this one
 * takes tens of milliseconds (cpu-training-kernels.ts).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { backpropConvInfo, type Conv2DBackpropFilterAttrs, type Shape4D } from '../kernels-common/conv-backprop-attrs';
import { fromConvInfo, im2col } from '../kernels-common/im2col';
import { toChannelsLast } from './channels';
import { asCpuBackend, float32Values } from './cpu-backend';
import { imagePasses } from './image-passes';
import { addProduct } from './matmul';
import { STRATA_CONV2D_BACKPROP_FILTER } from '../kernel-names';

export { STRATA_CONV2D_BACKPROP_FILTER };


export const strataConv2DBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const filterAttrs = attrs as unknown as Conv2DBackpropFilterAttrs;
  const convInfo = backpropConvInfo(x.shape as Shape4D, filterAttrs.filterShape, filterAttrs);
  assertSameShape(dy.shape, convInfo.outShape);
  const channelsFirst = convInfo.dataFormat === 'channelsFirst';
  const xValues = float32Values(backend, x, STRATA_CONV2D_BACKPROP_FILTER, 'x');
  const dyValues = float32Values(backend, dy, STRATA_CONV2D_BACKPROP_FILTER, 'dy');
  const input = channelsFirst ? toChannelsLast(xValues, x.shape as Shape4D) : xValues;
  const gradient = channelsFirst ? toChannelsLast(dyValues, dy.shape as Shape4D) : dyValues;

  const geometry = fromConvInfo(convInfo);
  const outChannels = convInfo.outChannels;
  const patchRows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
  const imageSize = geometry.inHeight * geometry.inWidth * geometry.inChannels;
  const outImageSize = geometry.outHeight * geometry.outWidth * outChannels;
  const filterGradient = new Float32Array(patchRows * outChannels);
  const passes = imagePasses(geometry, patchRows);
  const patches = new Float32Array(patchRows * passes[0].pixels);
  for (const { first, geometry: passGeometry, pixels } of passes) {
    const images = passGeometry.batchSize;
    const passPatches = patches.subarray(0, patchRows * pixels);
    im2col(input.subarray(first * imageSize, (first + images) * imageSize), passPatches, passGeometry, 'tap-channel');
    // Each pass adds its images' share to the same filter gradient.
    addProduct(passPatches, gradient.subarray(first * outImageSize, (first + images) * outImageSize), filterGradient, {
      rows: patchRows,
      depth: pixels,
      columns: outChannels,
      transposeA: false,
      transposeB: false,
    });
  }
  return backend.makeTensorInfo([...filterAttrs.filterShape], 'float32', filterGradient);
};

function assertSameShape(dyShape: readonly number[], outShape: readonly number[]): void {
  if (dyShape.length !== outShape.length || dyShape.some((size, axis) => size !== outShape[axis])) {
    throw new Error(
      `${STRATA_CONV2D_BACKPROP_FILTER}: dy has shape [${dyShape}], but the convolution's output has shape [${outShape}].`,
    );
  }
}
