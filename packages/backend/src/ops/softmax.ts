import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_SOFTMAX, STRATA_SOFTMAX_GRAD } from '../kernel-names';

/**
 * Softmax along the last axis, with its gradient in one kernel
 * (`StrataSoftmaxGrad`: `y ⊙ (dy − Σ dy ⊙ y)`), where tfjs's gradient runs four
 * (Multiply, Sum, Sub, Multiply). On the threaded wasm build each of tfjs's
 * element-wise kernels wakes XNNPACK's thread pool (about 0.1 ms apiece even
 * on W2's [256, 10] output), and so does its Softmax: for tensors up to
 * SMALL_SOFTMAX elements (a classifier's output) the forward is a JS loop too.
 * Larger ones (attention scores) keep the backend's Softmax, whose SIMD and
 * threads pay there. The loops keep float64 intermediates and round each
 * value to float32 (tests: 1e-6 of tfjs's kernels). On backends whose data is
 * not on the host, `softmax` is tfjs's.
 */

/** Up to this many elements, the forward runs as a JS loop (about 20 µs at 2,560, W2's output). */
const SMALL_SOFTMAX = 16384;

/** Rows and their length, the last axis. */
function rowsOf(info: tf.TensorInfo): [number, number] {
  const classes = info.shape[info.shape.length - 1];
  return [classes === 0 ? 0 : tf.util.sizeFromShape(info.shape) / classes, classes];
}

function forwardKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const logits = args.inputs.logits as tf.TensorInfo;
  if (tf.util.sizeFromShape(logits.shape) > SMALL_SOFTMAX) {
    return tf.getKernel('Softmax', tf.getBackend())!.kernelFunc({ inputs: { logits }, attrs: { dim: logits.shape.length - 1 }, backend: args.backend as tf.KernelBackend }) as tf.TensorInfo;
  }
  const host = asHostBackend(args.backend);
  const [rows, classes] = rowsOf(logits);
  return hostOutput(host, logits.shape, 'float32', (out) => {
    const x = hostValues(host, logits);
    for (let r = 0, offset = 0; r < rows; r++, offset += classes) {
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) if (x[offset + c] > max) max = x[offset + c];
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += Math.exp(x[offset + c] - max);
      for (let c = 0; c < classes; c++) out[offset + c] = Math.exp(x[offset + c] - max) / sum;
    }
  });
}

function gradientKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const { y, dy } = args.inputs as { y: tf.TensorInfo; dy: tf.TensorInfo };
  const [rows, classes] = rowsOf(y);
  return hostOutput(host, y.shape, 'float32', (out) => {
    const values = hostValues(host, y);
    const upstream = hostValues(host, dy);
    for (let r = 0, offset = 0; r < rows; r++, offset += classes) {
      let dot = 0;
      for (let c = 0; c < classes; c++) dot += upstream[offset + c] * values[offset + c];
      for (let c = 0; c < classes; c++) out[offset + c] = values[offset + c] * (upstream[offset + c] - dot);
    }
  });
}

let gradientRegistered = false;

function ensureRegistered(backendName: string): void {
  if (!gradientRegistered) {
    gradientRegistered = true;
    tf.registerGradient({
      kernelName: STRATA_SOFTMAX,
      outputsToSave: [true],
      gradFunc: (dy, saved) => ({ logits: () => tf.engine().runKernel(STRATA_SOFTMAX_GRAD, { y: saved[0], dy: dy as tf.Tensor }) as tf.Tensor }),
    });
  }
  if (tf.getKernel(STRATA_SOFTMAX, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_SOFTMAX, backendName, kernelFunc: forwardKernel as unknown as tf.KernelFunc });
    tf.registerKernel({ kernelName: STRATA_SOFTMAX_GRAD, backendName, kernelFunc: gradientKernel as unknown as tf.KernelFunc });
  }
}

/**
 * `exp(x) / Σ exp(x)` along the last axis of `logits`, as tf.softmax: Strata's
 * kernels on cpu and wasm for float32 (see above), tfjs's elsewhere.
 */
export function softmax(logits: tf.Tensor): tf.Tensor {
  if (logits.dtype !== 'float32' || logits.rank === 0 || !activeBackendIsHost()) return tf.softmax(logits);
  ensureRegistered(tf.getBackend());
  return tf.engine().runKernel(STRATA_SOFTMAX, { logits }) as tf.Tensor;
}
