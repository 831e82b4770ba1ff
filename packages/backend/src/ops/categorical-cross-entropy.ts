import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_CATEGORICAL_CE, STRATA_CATEGORICAL_CE_GRAD } from '../kernel-names';
import { clipBounds, type LossKernels, logSumExp, registerLossKernels, rowSum } from './loss-kernels';

/**
 * Keras's `CategoricalCrossentropy()` with its default reduction, on
 * probabilities (a softmax last layer, W2's) or from logits, as one kernel
 * forward (`StrataCategoricalCE`) and one backward (`...Grad`), in place of the
 * ~15 kernels of the op chain and ~20 of its gradient. On the threaded wasm
 * build each of tfjs's element-wise kernels wakes XNNPACK's thread pool, about
 * 0.1 ms apiece even on a [256, 10] tensor.
 *
 * Per row, with targets `t` (one-hot or soft):
 * - on probabilities, as Keras's backend: `q = p / Σp`, clipped to [ε, 1 − ε],
 *   loss `−Σ t·log(q)`. Its gradient flows back through the clip (zero outside
 *   it, bounds included, as tfjs's and torch's clip) and the renormalisation:
 *   `∂/∂p_k = −t_k·m_k / p_k + (Σ_c t_c·m_c) / Σp`, where `m_c` is 1 where `q_c`
 *   is inside the clip's range;
 * - from logits: loss `−Σ t·(z − logsumexp z)`, gradient `softmax(z)·Σt − t`;
 * both scaled by `dy / batch`. JS loops over the backend's memory on cpu and
 * wasm, registered on first use; the intermediates are float64 and each row's
 * loss is rounded to float32 (tests: 1e-6 of the op chain).
 */

type LossInputs = { output: tf.TensorInfo; labels: tf.TensorInfo; dy: tf.TensorInfo };
interface LossAttrs {
  fromLogits: boolean;
  epsilon: number;
}

/** One row's loss and gradient (scaled by `scale`), from logits or on probabilities. */
interface RowRule {
  loss(output: ArrayLike<number>, targets: ArrayLike<number>, offset: number, classes: number): number;
  gradient(output: ArrayLike<number>, targets: ArrayLike<number>, offset: number, classes: number, scale: number, out: Float32Array): void;
}

function fromLogits(): RowRule {
  return {
    loss(z, t, offset, classes) {
      const lse = logSumExp(z, offset, classes);
      let sum = 0;
      for (let c = 0; c < classes; c++) sum -= t[offset + c] * (z[offset + c] - lse);
      return sum;
    },
    gradient(z, t, offset, classes, scale, out) {
      const lse = logSumExp(z, offset, classes);
      const targetSum = rowSum(t, offset, classes);
      for (let c = 0; c < classes; c++) out[offset + c] = (Math.exp(z[offset + c] - lse) * targetSum - t[offset + c]) * scale;
    },
  };
}

function onProbabilities(epsilon: number): RowRule {
  const [low, high] = clipBounds(epsilon);
  const clipped = (q: number) => Math.min(Math.max(Math.fround(q), low), high);
  /** Whether the clip passes the gradient of `q` (inside [ε, 1 − ε], bounds included). */
  const passes = (q: number) => {
    const rounded = Math.fround(q);
    return rounded >= low && rounded <= high;
  };
  return {
    loss(p, t, offset, classes) {
      const sum = rowSum(p, offset, classes);
      let loss = 0;
      for (let c = 0; c < classes; c++) if (t[offset + c] !== 0) loss -= t[offset + c] * Math.log(clipped(p[offset + c] / sum));
      return loss;
    },
    gradient(p, t, offset, classes, scale, out) {
      const sum = rowSum(p, offset, classes);
      let passedTargets = 0;
      for (let c = 0; c < classes; c++) if (t[offset + c] !== 0 && passes(p[offset + c] / sum)) passedTargets += t[offset + c];
      for (let c = 0; c < classes; c++) {
        const own = t[offset + c] !== 0 && passes(p[offset + c] / sum) ? t[offset + c] / p[offset + c] : 0;
        out[offset + c] = (passedTargets / sum - own) * scale;
      }
    },
  };
}

function ruleOf(attrs: tf.NamedAttrMap | undefined): RowRule {
  const { fromLogits: logits, epsilon } = attrs as unknown as LossAttrs;
  return logits ? fromLogits() : onProbabilities(epsilon);
}

function lossKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const rule = ruleOf(args.attrs);
  const [rows, classes] = inputs.output.shape;
  return hostOutput(host, [], 'float32', (out) => {
    const output = hostValues(host, inputs.output);
    const targets = hostValues(host, inputs.labels);
    let total = 0;
    for (let r = 0; r < rows; r++) total += Math.fround(rule.loss(output, targets, r * classes, classes));
    out[0] = total / rows;
  });
}

function gradientKernel(args: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const inputs = args.inputs as unknown as LossInputs;
  const rule = ruleOf(args.attrs);
  const [rows, classes] = inputs.output.shape;
  return hostOutput(host, [rows, classes], 'float32', (out) => {
    const output = hostValues(host, inputs.output);
    const targets = hostValues(host, inputs.labels);
    const scale = hostValues(host, inputs.dy)[0] / rows;
    for (let r = 0; r < rows; r++) rule.gradient(output, targets, r * classes, classes, scale, out as Float32Array);
  });
}

const kernels: LossKernels = {
  loss: STRATA_CATEGORICAL_CE,
  gradient: STRATA_CATEGORICAL_CE_GRAD,
  scores: 'output',
  lossFunc: lossKernel as tf.KernelFunc,
  gradientFunc: gradientKernel as tf.KernelFunc,
};

/**
 * The batch mean of the categorical cross-entropy of `output` [batch, classes]
 * (float32 probabilities, renormalised and clipped to [ε, 1 − ε] as Keras
 * does, or logits with `fromLogits`) against float32 `targets` of the same
 * shape (one-hot or soft), with its gradient, as one kernel each; null where
 * there is none (a backend whose data is not on the host, other shapes or
 * dtypes, an empty batch).
 */
export function categoricalCrossEntropy(targets: tf.Tensor, output: tf.Tensor, options: { fromLogits: boolean; epsilon: number }): tf.Scalar | null {
  if (output.rank !== 2 || output.dtype !== 'float32' || output.shape[0] === 0) return null;
  if (targets.dtype !== 'float32' || !tf.util.arraysEqual(targets.shape, output.shape) || !activeBackendIsHost()) return null;
  registerLossKernels(kernels, tf.getBackend());
  const attrs: LossAttrs = { fromLogits: options.fromLogits, epsilon: options.epsilon };
  return tf.engine().runKernel(STRATA_CATEGORICAL_CE, { output, labels: targets }, attrs as unknown as tf.NamedAttrMap) as tf.Scalar;
}
