import * as tf from '@tensorflow/tfjs-core';
import { asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_SPARSE_SOFTMAX_CE, STRATA_SPARSE_SOFTMAX_CE_GRAD } from '../kernel-names';
import { type LossKernels, logSumExp, registerLossKernels, sparseLossInputsFit } from './loss-kernels';

/**
 * Keras's `SparseCategoricalCrossentropy(fromLogits: true)` with its default
 * reduction, as one kernel forward (`StrataSparseSoftmaxCE`: the batch mean of
 * `logsumexp(logits) - logits[label]`) and one backward
 * (`StrataSparseSoftmaxCEGrad`: `(softmax(logits) - onehot(label)) · dy / batch`),
 * in place of the ~25 kernels of the loss's op chain and its gradient. JS loops
 * over the backend's memory on cpu and wasm, registered on first use. The loss
 * (@strata/losses) decides whether its options fit (from logits, no sample
 * weights, no ignored class, the default reduction) and calls the op; the op
 * returns null for shapes, dtypes and backends it has no kernel for, and the
 * loss then runs its op chain.
 */

type LossInputs = { logits: tf.TensorInfo; labels: tf.TensorInfo; dy: tf.TensorInfo };

function lossKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const [rows, classes] = inputs.logits.shape;
  return hostOutput(host, [], 'float32', (out) => {
    const logits = hostValues(host, inputs.logits);
    const labels = hostValues(host, inputs.labels);
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
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const [rows, classes] = inputs.logits.shape;
  return hostOutput(host, [rows, classes], 'float32', (out) => {
    const logits = hostValues(host, inputs.logits);
    const labels = hostValues(host, inputs.labels);
    const scale = hostValues(host, inputs.dy)[0] / rows;
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

const kernels: LossKernels = {
  loss: STRATA_SPARSE_SOFTMAX_CE,
  gradient: STRATA_SPARSE_SOFTMAX_CE_GRAD,
  scores: 'logits',
  lossFunc: lossKernel as tf.KernelFunc,
  gradientFunc: gradientKernel as tf.KernelFunc,
};

/**
 * The batch mean of the sparse softmax cross-entropy of `logits` [batch,
 * classes] (float32) against integer class ids `labels` ([batch] or [batch, 1],
 * float32 or int32), with its gradient, as one kernel each; null where there
 * is none (a backend whose data is not on the host, other shapes or dtypes,
 * an empty batch). A label outside [0, classes) selects no logit, as tf.oneHot.
 */
export function sparseSoftmaxCrossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar | null {
  if (!sparseLossInputsFit(labels, logits)) return null;
  registerLossKernels(kernels, tf.getBackend());
  return tf.engine().runKernel(STRATA_SPARSE_SOFTMAX_CE, { logits, labels }) as tf.Scalar;
}
