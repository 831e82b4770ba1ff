/**
 * Conv2DBackpropInput for wasm. tfjs-backend-wasm 4.22 has one, a plain C++
 * loop that took 58 ms for the tutorial CNN's second layer (batch 32,
 * 13×13×32 → 11×11×64), ten times its forward convolution. This one takes
 * one of two routes through wasm's native kernels:
 * - spread: dy spread out and padded (spread-gradient.ts), then XNNPACK's
 *   Conv2D with the flipped, channel-swapped filter; its work grows with the
 *   input's area;
 * - rows: dy [N, co] × Wᵀ [co, kh·kw·ci] as one matrix product, added back
 *   into the image (row2im); its work grows with the output's area.
 * Measured on the tutorial CNN (CPU time, batch 32): 13×13 ← 11×11: spread
 * 8.9 ms, rows 11.3 ms; 5×5 ← 3×3: spread 3.0 ms, rows 1.8 ms. With row2im in
 * SIMD (channels in fours; im2col-simd.ts), on a loaded machine: 13×13×32 ←
 * 11×11×64: rows 6.5–8.3 ms, spread 8.2–8.8 ms; 5×5 ← 3×3: rows 1.2–1.7,
 * spread 2.7–2.9; 28×28×32 ← 26×26×32: rows 22–23, spread 18. So rows is
 * taken when the input has at least 1.3 times the output's pixels and the
 * channels come in fours, else at least twice (small maps, strides above 1).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { backpropConvInfo, type Conv2DBackpropInputAttrs, type Shape4D } from '../kernels-common/conv-backprop-attrs';
import { fromConvInfo } from '../kernels-common/im2col';
import { row2im } from '../kernels-common/row2im';
import { row2imSimd } from './im2col-simd';
import { simdKernelsFor } from './simd';
import { flipFilter, spreadGeometry, spreadGradient, spreadShape } from './spread-gradient';
import { wasmProduct } from './mat-mul';
import { asWasmBackend, composed, type Intermediates, runWasmKernel, type TensorInfo, type WasmBackend, withShape } from './wasm-backend';


type Route = (
  backend: WasmBackend,
  intermediates: Intermediates,
  dy: TensorInfo,
  filter: TensorInfo,
  convInfo: tf.backend_util.Conv2DInfo,
) => TensorInfo;

/** dy spread and padded, then XNNPACK's Conv2D with the flipped filter [kh, kw, co, ci]. */
const spreadRoute: Route = (backend, intermediates, dy, filter, convInfo) => {
  const geometry = spreadGeometry(convInfo);
  const spread = intermediates.keep(backend.makeOutput(spreadShape(geometry), 'float32'));
  const [filterHeight, filterWidth, inChannels, outChannels] = filter.shape;
  const flipped = intermediates.keep(backend.makeOutput([filterHeight, filterWidth, outChannels, inChannels], 'float32'));
  spreadGradient(backend.typedArrayFromHeap(dy) as Float32Array, backend.typedArrayFromHeap(spread) as Float32Array, geometry);
  flipFilter(backend.typedArrayFromHeap(filter) as Float32Array, backend.typedArrayFromHeap(flipped) as Float32Array, filter.shape);
  return runWasmKernel(backend, 'Conv2D', { x: spread, filter: flipped }, { strides: 1, pad: 'valid', dilations: 1, dataFormat: 'NHWC' });
};

/** dy [N, co] × Wᵀ [co, kh·kw·ci], added back into the image. */
const rowsRoute: Route = (backend, intermediates, dy, filter, convInfo) => {
  const geometry = fromConvInfo(convInfo);
  const pixels = geometry.batchSize * geometry.outHeight * geometry.outWidth;
  const columns = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
  const outChannels = convInfo.outChannels;
  const product = intermediates.keep(
    wasmProduct(backend, withShape(dy, [pixels, outChannels]), withShape(filter, [columns, outChannels]), { transposeA: false, transposeB: true }),
  );
  const image = backend.makeOutput([geometry.batchSize, geometry.inHeight, geometry.inWidth, geometry.inChannels], 'float32');
  const rows = backend.typedArrayFromHeap(product) as Float32Array;
  const imageView = backend.typedArrayFromHeap(image) as Float32Array;
  const kernels = simdKernelsFor(backend);
  if (kernels === null || !row2imSimd(kernels, rows, imageView, geometry)) row2im(rows, imageView, geometry);
  return image;
};

export const conv2dBackpropInput: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const inputAttrs = attrs as unknown as Conv2DBackpropInputAttrs;
  const convInfo = backpropConvInfo(inputAttrs.inputShape, filter.shape as Shape4D, inputAttrs);
  const rowsFrom = convInfo.inChannels % 4 === 0 && simdKernelsFor(backend) !== null ? 1.3 : 2;
  const route = convInfo.inHeight * convInfo.inWidth >= rowsFrom * convInfo.outHeight * convInfo.outWidth ? rowsRoute : spreadRoute;
  return composed(backend, (intermediates) => {
    if (convInfo.dataFormat === 'channelsLast') return route(backend, intermediates, dy, filter, convInfo);
    const channelsLastDy = intermediates.run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] });
    const channelsLast = intermediates.keep(route(backend, intermediates, channelsLastDy, filter, convInfo));
    return runWasmKernel(backend, 'Transpose', { x: channelsLast }, { perm: [0, 3, 1, 2] });
  });
};
