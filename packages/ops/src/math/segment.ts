// Keras's segment reductions (keras.ops.math): segment_sum, segment_max, segment_min and segment_prod.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

export interface SegmentOptions {
  /** The number of segments; null (the default) takes max(segmentIds) + 1, which reads the ids' values. */
  numSegments?: number | null;
  /** Whether the ids are sorted; a hint Strata does not need. Default false. */
  sorted?: boolean;
}

type Reduction = 'sum' | 'max' | 'min' | 'prod';

const IDENTITY: Record<Reduction, number> = {
  sum: 0,
  prod: 1,
  max: Number.NEGATIVE_INFINITY,
  min: Number.POSITIVE_INFINITY,
};

function segmentReduce(name: string, reduction: Reduction, data: TensorLike, segmentIds: TensorLike, options: SegmentOptions): tf.Tensor {
  return tf.tidy(() => {
    const values = toTensor(data);
    const ids = toTensor(segmentIds, 'int32');
    if (ids.rank !== 1) throw new RangeError(`${name}: segmentIds must be a 1-D vector; received shape [${ids.shape}].`);
    if (values.rank < 1 || ids.shape[0] !== values.shape[0]) {
      throw new RangeError(`${name}: segmentIds and data must have the same leading dimension; received [${ids.shape}] and [${values.shape}].`);
    }
    // Without numSegments the output's length depends on the ids' values, so they are read here.
    const count = options.numSegments ?? (ids.size === 0 ? 0 : Math.max(...(ids.dataSync() as Int32Array)) + 1);
    const inner = values.shape.slice(1);
    // Ids outside [0, count) belong to no segment, as in Keras.
    const member = tf.equal(tf.reshape(ids, [-1, 1]), tf.reshape(tf.range(0, count, 1, 'int32'), [1, count])); // (n, count)
    const memberFull = tf.reshape(member, [ids.shape[0], count, ...inner.map(() => 1)]);
    const floats = tf.cast(values, 'float32');
    const expanded = tf.expandDims(floats, 1);
    const filled = tf.where(tf.broadcastTo(memberFull, [ids.shape[0], count, ...inner]), tf.broadcastTo(expanded, [ids.shape[0], count, ...inner]), tf.fill([ids.shape[0], count, ...inner], IDENTITY[reduction]));
    let reduced: tf.Tensor;
    if (ids.shape[0] === 0) reduced = tf.fill([count, ...inner], IDENTITY[reduction]);
    else if (reduction === 'sum') reduced = tf.sum(filled, 0);
    else if (reduction === 'prod') reduced = tf.prod(filled, 0);
    else if (reduction === 'max') reduced = tf.max(filled, 0);
    else reduced = tf.min(filled, 0);
    // Keras reduces in float32 and casts back to the data's dtype; torch casts the ±inf of an empty segment's
    // maximum or minimum to the smallest int32.
    if (values.dtype === 'float32') return reduced;
    return tf.cast(tf.where(tf.isFinite(reduced), reduced, tf.fill(reduced.shape, -2147483648)), values.dtype);
  });
}

/** `ops.segment_sum(data, segmentIds, {numSegments, sorted})`: the sum of the rows of each segment (0 for an empty one). */
export const segmentSum = /* @__PURE__ */ defineOp({ name: 'segment_sum', module: 'math' }, function segmentSum(data: TensorLike, segmentIds: TensorLike, options: SegmentOptions = {}): tf.Tensor {
  return segmentReduce('segment_sum', 'sum', data, segmentIds, options);
});

/** `ops.segment_max(data, segmentIds, {numSegments, sorted})`: the maximum of each segment (-inf for an empty one). */
export const segmentMax = /* @__PURE__ */ defineOp({ name: 'segment_max', module: 'math' }, function segmentMax(data: TensorLike, segmentIds: TensorLike, options: SegmentOptions = {}): tf.Tensor {
  return segmentReduce('segment_max', 'max', data, segmentIds, options);
});

/** `ops.segment_min(data, segmentIds, {numSegments, sorted})`: the minimum of each segment (+inf for an empty one). */
export const segmentMin = /* @__PURE__ */ defineOp({ name: 'segment_min', module: 'math' }, function segmentMin(data: TensorLike, segmentIds: TensorLike, options: SegmentOptions = {}): tf.Tensor {
  return segmentReduce('segment_min', 'min', data, segmentIds, options);
});

/** `ops.segment_prod(data, segmentIds, {numSegments, sorted})`: the product of each segment (1 for an empty one). */
export const segmentProd = /* @__PURE__ */ defineOp({ name: 'segment_prod', module: 'math' }, function segmentProd(data: TensorLike, segmentIds: TensorLike, options: SegmentOptions = {}): tf.Tensor {
  return segmentReduce('segment_prod', 'prod', data, segmentIds, options);
});
