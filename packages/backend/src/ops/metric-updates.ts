import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_ARG_MAX_MATCHES, STRATA_MEAN_UPDATE } from '../kernel-names';

/**
 * The per-step work of `fit`'s loss tracker and accuracy metrics, one kernel
 * each on cpu and wasm, where the op chains run about 14 small kernels a step
 * (the tracker's Multiply and two Adds, accuracy's ArgMax, Equal, Casts and
 * Reshape, the metric's Sum and two Adds). On a small model each kernel's
 * dispatch is a visible share of the step (W1: about 0.75 ms for ~30 kernels),
 * and on the threaded wasm build tfjs's Add and Multiply wake XNNPACK's thread
 * pool. JS loops over the backend's memory, registered on first use; no
 * gradient (metrics are never differentiated). On backends whose data is not on
 * the host the ops return null and the callers run their op chains.
 */

interface MeanUpdateAttrs {
  scale: number;
  increment: number;
}

/** [total + fround(scale · Σ values), count + increment], each rounded to float32 as the op chain rounds it. */
function meanUpdateKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const host = asHostBackend(args.backend);
  const { total, count, values } = args.inputs as { total: tf.TensorInfo; count: tf.TensorInfo; values: tf.TensorInfo };
  const { scale, increment } = args.attrs as unknown as MeanUpdateAttrs;
  const source = hostValues(host, values);
  let sum = 0;
  for (let i = 0; i < source.length; i++) sum += source[i];
  const added = Math.fround(Math.fround(sum) * scale);
  const newTotal = hostOutput(host, [], 'float32', (out) => {
    out[0] = hostValues(host, total)[0] + added;
  });
  const newCount = hostOutput(host, [], 'float32', (out) => {
    out[0] = hostValues(host, count)[0] + increment;
  });
  return [newTotal, newCount];
}

interface MatchesAttrs {
  sparse: boolean;
}

/** The first index of the row's largest value, as tfjs's ArgMax. */
function argMaxOf(values: ArrayLike<number>, offset: number, classes: number): number {
  let best = 0;
  for (let c = 1; c < classes; c++) if (values[offset + c] > values[offset + best]) best = c;
  return best;
}

/** 1 where the label (a class id, or a one-hot row's argmax) is the scores' argmax, else 0, per row. */
function argMaxMatchesKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const { labels, scores } = args.inputs as { labels: tf.TensorInfo; scores: tf.TensorInfo };
  const { sparse } = args.attrs as unknown as MatchesAttrs;
  const [rows, classes] = scores.shape;
  return hostOutput(host, [rows], 'float32', (out) => {
    const predictions = hostValues(host, scores);
    const targets = hostValues(host, labels);
    for (let r = 0; r < rows; r++) {
      const target = sparse ? targets[r] : argMaxOf(targets, r * classes, classes);
      out[r] = target === argMaxOf(predictions, r * classes, classes) ? 1 : 0;
    }
  });
}

/** Registers both kernels for the active backend (once); false where its data is not on the host. */
function ensureRegistered(): boolean {
  if (!activeBackendIsHost()) return false;
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_MEAN_UPDATE, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_MEAN_UPDATE, backendName, kernelFunc: meanUpdateKernel as unknown as tf.KernelFunc });
    tf.registerKernel({ kernelName: STRATA_ARG_MAX_MATCHES, backendName, kernelFunc: argMaxMatchesKernel as unknown as tf.KernelFunc });
  }
  return true;
}

const isFloat32Scalar = (x: tf.Tensor) => x.rank === 0 && x.dtype === 'float32';

/**
 * A running mean's new `[total, count]`: `total + scale · Σ values` and
 * `count + increment`, as Keras's `Mean.update_state` (values one per sample,
 * increment the batch size) and its loss tracker (the batch's mean loss,
 * scale and increment the batch size) compute them, in one kernel; null where
 * there is none (float32 scalars `total` and `count` and float32 `values`
 * needed, on cpu or wasm).
 */
export function meanUpdate(total: tf.Tensor, count: tf.Tensor, values: tf.Tensor, scale: number, increment: number): [tf.Scalar, tf.Scalar] | null {
  if (!isFloat32Scalar(total) || !isFloat32Scalar(count) || values.dtype !== 'float32' || !ensureRegistered()) return null;
  const attrs: MeanUpdateAttrs = { scale, increment };
  return tf.engine().runKernel(STRATA_MEAN_UPDATE, { total, count, values }, attrs as unknown as tf.NamedAttrMap) as unknown as [tf.Scalar, tf.Scalar];
}

/**
 * Per row of `scores` [batch, classes] (float32), 1 where the label is the
 * row's argmax (first index of the largest score, as tf.argMax), else 0, as a
 * float32 [batch] tensor in one kernel: Keras's `sparse_categorical_accuracy`
 * (`sparse`: `labels` class ids, [batch] or [batch, 1]) or
 * `categorical_accuracy` (`labels` one-hot, the scores' shape). Null for other
 * shapes or dtypes, and on backends whose data is not on the host.
 */
export function argMaxMatches(labels: tf.Tensor, scores: tf.Tensor, sparse: boolean): tf.Tensor1D | null {
  if (scores.rank !== 2 || scores.dtype !== 'float32' || scores.shape[1] === 0) return null;
  if (labels.dtype !== 'float32' && labels.dtype !== 'int32') return null;
  const labelsFit = sparse
    ? (labels.rank === 1 || (labels.rank === 2 && labels.shape[1] === 1)) && labels.shape[0] === scores.shape[0]
    : tf.util.arraysEqual(labels.shape, scores.shape);
  if (!labelsFit || !ensureRegistered()) return null;
  const attrs: MatchesAttrs = { sparse };
  return tf.engine().runKernel(STRATA_ARG_MAX_MATCHES, { labels, scores }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor1D;
}
