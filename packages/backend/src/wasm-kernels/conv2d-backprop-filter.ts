/**
 * Conv2DBackpropFilter for wasm, which tfjs-backend-wasm 4.22 lacks:
 * dW[kh, kw, ci, co] = Σ_{b,y,x} xpad[b, y·s + kh, x·s + kw, ci] · dy[b, y, x, co],
 * computed as patches [kh·kw·ci, N] × dy [N, co] with N = b·oh·ow: one im2col
 * pass over the input, then Strata's matrix product (mat-mul.ts; XNNPACK's
 * where it cannot run), whose result already has the filter's [kh, kw, ci, co]
 * layout. Where the channels come in fours, the im2col pass writes the
 * product's packed left operand directly (im2colPackedSimd), so the patch
 * matrix and the product's packing of it are skipped.
 *
 * The alternative, one XNNPACK convolution of the transposed input
 * [ci, H, W, b] with the transposed dy [oh, ow, b, co] as its filter, was
 * measured on the tutorial CNN's three layers (batch 32; 2-core machine):
 * 3.1 / 8.4 / 2.1 ms here against 4.5 / 8.6 / 1.3 ms, so no clear winner; this
 * one needs no padding or transposes and handles strides and padding in the
 * im2col pass. So did the pixel-major variant (patches [N, K], dyᵀ as the
 * left operand): 4.4 / 15 / 2.0 ms. tfjs's cpu kernel on a copy took about
 * 15 s for the three.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { backpropConvInfo, type Conv2DBackpropFilterAttrs, type Shape4D } from '../kernels-common/conv-backprop-attrs';
import { fromConvInfo, im2col } from '../kernels-common/im2col';
import { gemmKernelsFor, gemmPackedA } from './gemm';
import { im2colPackedSimd, im2colTapChannelSimd } from './im2col-simd';
import { simdKernelsFor } from './simd';
import { wasmProduct } from './mat-mul';
import { asWasmBackend, composed, type TensorInfo, withShape } from './wasm-backend';


const toChannelsLast = [0, 2, 3, 1];

export const conv2dBackpropFilter: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterAttrs = attrs as unknown as Conv2DBackpropFilterAttrs;
  const convInfo = backpropConvInfo(x.shape as Shape4D, filterAttrs.filterShape, filterAttrs);
  const geometry = fromConvInfo(convInfo);
  const pixels = geometry.batchSize * geometry.outHeight * geometry.outWidth;
  const rows = geometry.filterHeight * geometry.filterWidth * geometry.inChannels;
  return composed(backend, (intermediates) => {
    let input = x;
    let gradient = dy;
    if (convInfo.dataFormat === 'channelsFirst') {
      input = intermediates.run('Transpose', { x }, { perm: toChannelsLast });
      gradient = intermediates.run('Transpose', { x: dy }, { perm: toChannelsLast });
    }
    const kernels = simdKernelsFor(backend);
    const gemmKernels = gemmKernelsFor(backend);
    if (kernels !== null && gemmKernels !== null && geometry.inChannels % 4 === 0 && input.dtype === 'float32' && gradient.dtype === 'float32') {
      // The patches gathered straight into the product's packed layout (im2colPackedSimd).
      const packed = intermediates.keep(backend.makeOutput([rows * pixels], 'float32'));
      im2colPackedSimd(kernels, backend.typedArrayFromHeap(input) as Float32Array, backend.typedArrayFromHeap(packed) as Float32Array, geometry);
      const product = gemmPackedA(backend, gemmKernels, packed, rows, pixels, withShape(gradient, [pixels, convInfo.outChannels]));
      return withShape(product, [...convInfo.filterShape]);
    }
    const patches = intermediates.keep(backend.makeOutput([1, rows, pixels], 'float32'));
    // Views taken after the allocation, which may have grown (and so detached) the heap.
    const inputView = backend.typedArrayFromHeap(input) as Float32Array;
    const patchView = backend.typedArrayFromHeap(patches) as Float32Array;
    if (kernels === null || !im2colTapChannelSimd(kernels, inputView, patchView, geometry)) im2col(inputView, patchView, geometry, 'tap-channel');
    const product = wasmProduct(backend, withShape(patches, [rows, pixels]), withShape(gradient, [pixels, convInfo.outChannels]), {
      transposeA: false,
      transposeB: false,
    });
    return withShape(product, [...convInfo.filterShape]);
  });
};

