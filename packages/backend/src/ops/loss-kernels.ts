import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost } from '../host-backend';

/**
 * What the fused cross-entropies (sparse from logits, sparse on
 * probabilities, categorical) share: the registration of a loss kernel and
 * its gradient kernel, whose gradient takes the loss's inputs (the scores and
 * the `labels`: class ids, or one-hot targets), its upstream gradient `dy`
 * and its attributes; and the check of the sparse ones' inputs.
 */

/** A loss kernel, its gradient kernel and the name of the scores input ('logits', 'probabilities' or 'output'). */
export interface LossKernels {
  loss: string;
  gradient: string;
  scores: string;
  lossFunc: tf.KernelFunc;
  gradientFunc: tf.KernelFunc;
}

const gradientsRegistered = new Set<string>();

/** Registers the gradient (once) and both kernels for `backendName` (once per backend). */
export function registerLossKernels(kernels: LossKernels, backendName: string): void {
  if (!gradientsRegistered.has(kernels.loss)) {
    gradientsRegistered.add(kernels.loss);
    tf.registerGradient({
      kernelName: kernels.loss,
      inputsToSave: [kernels.scores, 'labels'],
      gradFunc: (dy, saved, attrs) => {
        const [scores, labels] = saved;
        return {
          [kernels.scores]: () =>
            tf.engine().runKernel(kernels.gradient, { [kernels.scores]: scores, labels, dy: dy as tf.Tensor }, attrs as tf.NamedAttrMap) as tf.Tensor,
          labels: () => tf.zeros(labels.shape),
        };
      },
    });
  }
  if (tf.getKernel(kernels.loss, backendName) === undefined) {
    tf.registerKernel({ kernelName: kernels.loss, backendName, kernelFunc: kernels.lossFunc });
    tf.registerKernel({ kernelName: kernels.gradient, backendName, kernelFunc: kernels.gradientFunc });
  }
}

/**
 * Whether a fused sparse loss has a kernel for these inputs: float32 scores
 * [batch, classes] with batch > 0, integer class ids ([batch] or [batch, 1],
 * float32 or int32), on a backend whose data is on the host (cpu, wasm).
 */
export function sparseLossInputsFit(labels: tf.Tensor, scores: tf.Tensor): boolean {
  if (scores.rank !== 2 || scores.dtype !== 'float32' || scores.shape[0] === 0) return false;
  const labelsFit = (labels.rank === 1 || (labels.rank === 2 && labels.shape[1] === 1)) && labels.shape[0] === scores.shape[0];
  return labelsFit && (labels.dtype === 'float32' || labels.dtype === 'int32') && activeBackendIsHost();
}

/** The log-sum-exp of the row at `offset`, computed as logSoftmax does: max + log(Σ exp(x − max)). */
export function logSumExp(logits: ArrayLike<number>, offset: number, classes: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < classes; c++) if (logits[offset + c] > max) max = logits[offset + c];
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += Math.exp(logits[offset + c] - max);
  return max + Math.log(sum);
}

/** Σ of the row at `offset`. */
export function rowSum(values: ArrayLike<number>, offset: number, classes: number): number {
  let sum = 0;
  for (let c = 0; c < classes; c++) sum += values[offset + c];
  return sum;
}

/** Keras's clip of probabilities before the log, with the bounds as the op chain has them: float32 ε and 1 − ε. */
export function clipBounds(epsilon: number): [number, number] {
  return [Math.fround(epsilon), Math.fround(1 - epsilon)];
}
