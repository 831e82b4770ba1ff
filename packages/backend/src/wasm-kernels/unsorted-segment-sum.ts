/**
 * UnsortedSegmentSum for wasm (the gradient of gather, so of Embedding), which
 * tfjs-backend-wasm 4.22 lacks. One pass over x adding each row into its
 * segment, on the wasm heap: O(x.size) for any number of segments, where tfjs's
 * cpu kernel makes one masked copy of x per segment. Ids outside
 * [0, numSegments) are dropped, as in TensorFlow.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { asWasmBackend, type TensorInfo } from './wasm-backend';

export const unsortedSegmentSum: tf.KernelFunc = ({ inputs, attrs, backend: kernelBackend }) => {
  const backend = asWasmBackend(kernelBackend);
  const { x, segmentIds } = inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = attrs as unknown as { numSegments: number };
  const rowShape = x.shape.slice(segmentIds.shape.length);
  const rowSize = rowShape.reduce((product, dimension) => product * dimension, 1);
  const output = backend.makeOutput([numSegments, ...rowShape], x.dtype);
  const values = backend.typedArrayFromHeap(x);
  const ids = backend.typedArrayFromHeap(segmentIds);
  const sums = backend.typedArrayFromHeap(output);
  sums.fill(0);
  for (let row = 0; row < ids.length; ++row) {
    const segment = ids[row];
    if (segment < 0 || segment >= numSegments) continue;
    const source = row * rowSize;
    const target = segment * rowSize;
    for (let i = 0; i < rowSize; ++i) sums[target + i] += values[source + i];
  }
  return output;
};
