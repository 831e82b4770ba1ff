import * as tf from '@tensorflow/tfjs-core';
import { asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_SPARSE_PROBABILITIES_CE, STRATA_SPARSE_PROBABILITIES_CE_GRAD } from '../kernel-names';
import { clipBounds, type LossKernels, registerLossKernels, rowSum, sparseLossInputsFit } from './loss-kernels';

/**
 * Keras's `SparseCategoricalCrossentropy()` on probabilities (a softmax last
 * layer, the tutorial CNN's) with its default reduction, as one kernel forward
 * (`StrataSparseProbabilitiesCE`) and one backward (`...Grad`). Keras's op
 * chain renormalises each row (`p / Σp`), clips it to [ε, 1 − ε], takes the
 * log of the label's entry and averages −log over the batch; its gradient
 * flows back through the clip (zero outside the range, as tfjs's and torch's
 * clip) and the renormalisation: `∂/∂p_k = −(dy / batch) / q · (δ_ky / S − p_y / S²)`
 * with `S = Σp` and `q = p_y / S`. The chain is about 15 kernels forward and
 * 20 backward on a [batch, classes] tensor; on the threaded wasm build each of
 * tfjs's element-wise kernels wakes XNNPACK's thread pool, about 0.1 ms apiece,
 * which made the loss cost 2 ms of the tutorial CNN's 15 ms step with two
 * threads. JS loops over the backend's memory on cpu and wasm, registered on
 * first use; like sparseSoftmaxCrossEntropy, the intermediates are float64 and
 * each row's loss is rounded to float32 (tests: 1e-6 of the op chain).
 */

type LossInputs = { probabilities: tf.TensorInfo; labels: tf.TensorInfo; dy: tf.TensorInfo };
interface LossAttrs {
  epsilon: number;
}

function lossKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const [low, high] = clipBounds((args.attrs as unknown as LossAttrs).epsilon);
  const [rows, classes] = inputs.probabilities.shape;
  return hostOutput(host, [], 'float32', (out) => {
    const p = hostValues(host, inputs.probabilities);
    const labels = hostValues(host, inputs.labels);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const label = Math.trunc(labels[r]);
      // As tf.oneHot: a label outside [0, classes) selects no entry.
      if (label < 0 || label >= classes) continue;
      const q = Math.fround(p[r * classes + label] / rowSum(p, r * classes, classes));
      total += Math.fround(-Math.log(Math.min(Math.max(q, low), high)));
    }
    out[0] = total / rows;
  });
}

function gradientKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const [low, high] = clipBounds((args.attrs as unknown as LossAttrs).epsilon);
  const [rows, classes] = inputs.probabilities.shape;
  return hostOutput(host, [rows, classes], 'float32', (out) => {
    const p = hostValues(host, inputs.probabilities);
    const labels = hostValues(host, inputs.labels);
    const scale = hostValues(host, inputs.dy)[0] / rows;
    out.fill(0);
    for (let r = 0; r < rows; r++) {
      const offset = r * classes;
      const label = Math.trunc(labels[r]);
      if (label < 0 || label >= classes) continue;
      const sum = rowSum(p, offset, classes);
      const picked = p[offset + label];
      const q = picked / sum;
      // The clip passes the gradient only inside [ε, 1 − ε], bounds included.
      const clipped = Math.fround(q);
      if (!(clipped >= low && clipped <= high)) continue;
      const coefficient = -scale / q;
      for (let c = 0; c < classes; c++) out[offset + c] = coefficient * ((c === label ? 1 / sum : 0) - picked / (sum * sum));
    }
  });
}

const kernels: LossKernels = {
  loss: STRATA_SPARSE_PROBABILITIES_CE,
  gradient: STRATA_SPARSE_PROBABILITIES_CE_GRAD,
  scores: 'probabilities',
  lossFunc: lossKernel as tf.KernelFunc,
  gradientFunc: gradientKernel as tf.KernelFunc,
};

/**
 * The batch mean of the sparse categorical cross-entropy of `probabilities`
 * [batch, classes] (float32; renormalised and clipped to [ε, 1 − ε] as Keras
 * does) against integer class ids `labels` ([batch] or [batch, 1], float32 or
 * int32), with its gradient, as one kernel each; null where there is none (a
 * backend whose data is not on the host, other shapes or dtypes, an empty
 * batch). A label outside [0, classes) selects no entry, as tf.oneHot.
 */
export function sparseProbabilitiesCrossEntropy(labels: tf.Tensor, probabilities: tf.Tensor, epsilon: number): tf.Scalar | null {
  if (!sparseLossInputsFit(labels, probabilities)) return null;
  registerLossKernels(kernels, tf.getBackend());
  const attrs: LossAttrs = { epsilon };
  return tf.engine().runKernel(STRATA_SPARSE_PROBABILITIES_CE, { probabilities, labels }, attrs as unknown as tf.NamedAttrMap) as tf.Scalar;
}
