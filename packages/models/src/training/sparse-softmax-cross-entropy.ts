import { type Loss, SparseCategoricalCrossentropy } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { type HostBackend, output, valuesOf } from './host-kernel';

/**
 * Keras's `SparseCategoricalCrossentropy(fromLogits: true)` with its default
 * reduction, as one kernel forward (`StrataSparseSoftmaxCE`: the batch mean of
 * `logsumexp(logits) - logits[label]`) and one backward
 * (`StrataSparseSoftmaxCEGrad`: `(softmax(logits) - onehot(label)) · dy / batch`),
 * in place of the ~25 kernels of the loss's op chain and its gradient. JS loops
 * over the backend's memory on cpu and wasm, registered on first use; every
 * other case (other backends, options, sample weights) returns null and the
 * step uses `loss.compute`.
 */
export const STRATA_SPARSE_SOFTMAX_CE = 'StrataSparseSoftmaxCE';
export const STRATA_SPARSE_SOFTMAX_CE_GRAD = 'StrataSparseSoftmaxCEGrad';

/** The row's log-sum-exp, computed as logSoftmax does: max + log(sum(exp(x - max))). */
function logSumExp(logits: Float32Array | Int32Array, offset: number, classes: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) if (logits[offset + c] > max) max = logits[offset + c];
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += Math.exp(logits[offset + c] - max);
  return max + Math.log(sum);
}

type LossInputs = { logits: tf.TensorInfo; labels: tf.TensorInfo; dy: tf.TensorInfo };

function lossKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const host = args.backend as HostBackend;
  const inputs = args.inputs as unknown as LossInputs;
  const [rows, classes] = inputs.logits.shape;
  return output(host, [], (out) => {
    const logits = valuesOf(host, inputs.logits);
    const labels = valuesOf(host, inputs.labels);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const label = Math.trunc(labels[r]);
      // As tf.oneHot: a label outside [0, classes) selects no logit.
      const picked = label >= 0 && label < classes ? logits[r * classes + label] : 0;
      total += Math.fround(logSumExp(logits, r * classes, classes) - picked);
    }
    out[0] = total / rows;
  });
}

function gradientKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const host = args.backend as HostBackend;
  const inputs = args.inputs as unknown as LossInputs;
  const [rows, classes] = inputs.logits.shape;
  return output(host, [rows, classes], (out) => {
    const logits = valuesOf(host, inputs.logits);
    const labels = valuesOf(host, inputs.labels);
    const scale = valuesOf(host, inputs.dy)[0] / rows;
    for (let r = 0; r < rows; r++) {
      const offset = r * classes;
      const lse = logSumExp(logits, offset, classes);
      const label = Math.trunc(labels[r]);
      for (let c = 0; c < classes; c++) {
        out[offset + c] = (Math.exp(logits[offset + c] - lse) - (c === label ? 1 : 0)) * scale;
      }
    }
  });
}

let gradientRegistered = false;

function ensureRegistered(backendName: string): void {
  if (!gradientRegistered) {
    gradientRegistered = true;
    tf.registerGradient({
      kernelName: STRATA_SPARSE_SOFTMAX_CE,
      inputsToSave: ['logits', 'labels'],
      gradFunc: (dy, saved) => {
        const [logits, labels] = saved;
        return {
          logits: () => tf.engine().runKernel(STRATA_SPARSE_SOFTMAX_CE_GRAD, { logits, labels, dy: dy as tf.Tensor }) as tf.Tensor,
          labels: () => tf.zeros(labels.shape),
        };
      },
    });
  }
  if (tf.getKernel(STRATA_SPARSE_SOFTMAX_CE, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_SPARSE_SOFTMAX_CE, backendName, kernelFunc: lossKernel as tf.KernelFunc });
    tf.registerKernel({ kernelName: STRATA_SPARSE_SOFTMAX_CE_GRAD, backendName, kernelFunc: gradientKernel as tf.KernelFunc });
  }
}

const hostBackends = new Set(['cpu', 'wasm']);

/** The fused loss when it applies (see above), else null. */
export function fusedSparseSoftmaxCrossEntropy(loss: Loss, yTrue: tf.Tensor, yPred: tf.Tensor, sampleWeight: tf.Tensor | null): tf.Scalar | null {
  if (loss.constructor !== SparseCategoricalCrossentropy || sampleWeight !== null) return null;
  const sparse = loss as SparseCategoricalCrossentropy;
  if (!sparse.fromLogits || sparse.ignoreClass !== null || sparse.reduction !== 'sum_over_batch_size') return null;
  if (yPred.rank !== 2 || (sparse.axis !== -1 && sparse.axis !== 1) || yPred.dtype !== 'float32') return null;
  const labelsFit = (yTrue.rank === 1 || (yTrue.rank === 2 && yTrue.shape[1] === 1)) && yTrue.shape[0] === yPred.shape[0];
  if (!labelsFit || (yTrue.dtype !== 'float32' && yTrue.dtype !== 'int32') || yPred.shape[0] === 0) return null;
  const backendName = tf.getBackend();
  if (!hostBackends.has(backendName)) return null;
  ensureRegistered(backendName);
  return tf.engine().runKernel(STRATA_SPARSE_SOFTMAX_CE, { logits: yPred, labels: yTrue }) as tf.Scalar;
}
