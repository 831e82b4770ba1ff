/**
 * StrataConv2DBackpropInput for the cpu backend, with the inputs and
 * attributes of tfjs's Conv2DBackpropInput: dy [N, co] · filterᵀ
 * [co, kh·kw·ci] gives, for every output pixel, what it sends back to each
 * cell of its window; row2im (the wasm kernel's) adds those rows back into
 * the NHWC image. The filter [kh, kw, ci, co] is read transposed by the
 * product's packing, so it is not copied.
 *
 * One route only, unlike the wasm kernel, which can also run XNNPACK's
 * convolution on a spread-out dy: here both would be the same JS product, and
 * this one does the least work (it grows with the output's pixels, not the
 * input's).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { backpropConvInfo, type Conv2DBackpropInputAttrs, type Shape4D } from '../kernels-common/conv-backprop-attrs';
import { fromConvInfo } from '../kernels-common/im2col';
import { row2im } from '../kernels-common/row2im';
import { toChannelsFirst, toChannelsLast } from './channels';
import { asCpuBackend, float32Values } from './cpu-backend';
import { imagePasses } from './image-passes';
import { addProduct } from './matmul';
import { STRATA_CONV2D_BACKPROP_INPUT } from '../kernel-names';

export { STRATA_CONV2D_BACKPROP_INPUT };


export const strataConv2DBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asCpuBackend(kernelBackend);
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const inputAttrs = attrs as unknown as Conv2DBackpropInputAttrs;
  const { inputShape, dataFormat = 'NHWC' } = inputAttrs;
  const convInfo = backpropConvInfo(inputShape, filter.shape as Shape4D, inputAttrs);
  if (filter.shape[2] !== convInfo.inChannels || dy.shape.some((size, axis) => size !== convInfo.outShape[axis])) {
    throw new Error(
      `${STRATA_CONV2D_BACKPROP_INPUT}: dy [${dy.shape}] and filter [${filter.shape}] do not fit inputShape [${inputShape}] ` +
        `(${dataFormat}), whose convolution has output [${convInfo.outShape}].`,
    );
  }
  const channelsFirst = convInfo.dataFormat === 'channelsFirst';
  const dyValues = float32Values(backend, dy, STRATA_CONV2D_BACKPROP_INPUT, 'dy');
  const gradient = channelsFirst ? toChannelsLast(dyValues, dy.shape as Shape4D) : dyValues;
  const weights = float32Values(backend, filter, STRATA_CONV2D_BACKPROP_INPUT, 'filter');

  const geometry = fromConvInfo(convInfo);
  const outChannels = convInfo.outChannels;
  const patchColumns = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
  const imageSize = geometry.inHeight * geometry.inWidth * geometry.inChannels;
  const outImageSize = geometry.outHeight * geometry.outWidth * outChannels;
  const image = new Float32Array(geometry.batchSize * imageSize);
  const passes = imagePasses(geometry, patchColumns);
  const rows = new Float32Array(passes[0].pixels * patchColumns);
  for (const [index, { first, geometry: passGeometry, pixels }] of passes.entries()) {
    const images = passGeometry.batchSize;
    const passRows = rows.subarray(0, pixels * patchColumns);
    if (index > 0) passRows.fill(0); // addProduct adds to what is there
    addProduct(gradient.subarray(first * outImageSize, (first + images) * outImageSize), weights, passRows, {
      rows: pixels,
      depth: outChannels,
      columns: patchColumns,
      transposeA: false,
      transposeB: true,
    });
    row2im(passRows, image.subarray(first * imageSize, (first + images) * imageSize), passGeometry);
  }
  const nhwcShape: Shape4D = [geometry.batchSize, geometry.inHeight, geometry.inWidth, geometry.inChannels];
  return backend.makeTensorInfo([...inputShape], 'float32', channelsFirst ? toChannelsFirst(image, nhwcShape) : image);
};
