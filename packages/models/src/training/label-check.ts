import type { SparseCategoricalCrossentropy } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import { type HostBackend, output, valuesOf } from './host-kernel';

/**
 * The range check of sparse categorical labels, made on the device in the
 * training and test steps and read only with the logs.
 *
 * Keras's torch backend raises at the offending batch ("Target 7 is out of
 * bounds.", from `nll_loss`); tfjs's oneHot instead gives an all-zero row for
 * such a label, so the loss trains silently on garbage (and can be negative).
 * Reading the labels back on every batch would stall the pipeline, so each
 * step folds its batch into a two-number state on the device, [count of
 * labels out of range, first such value], and the error is raised when the
 * logs are next read: at the latest at the end of the epoch, of evaluate, or
 * of a train/test-on-batch call. Labels are truncated toward zero as Keras
 * casts them to integers (so 1.7 is class 1 there and here).
 */
export const STRATA_SPARSE_LABEL_CHECK = 'StrataSparseLabelCheck';

export interface CheckAttrs {
  classes: number;
  ignoreClass: number;
  hasIgnoreClass: boolean;
}

/** The host loop: one pass over the batch's labels, one two-number output. */
export function checkKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const host = args.backend as HostBackend;
  const { labels, state } = args.inputs as unknown as { labels: tf.TensorInfo; state: tf.TensorInfo };
  const { classes, ignoreClass, hasIgnoreClass } = args.attrs as CheckAttrs;
  return output(host, [2], (out) => {
    const values = valuesOf(host, labels);
    const previous = valuesOf(host, state);
    let count = 0;
    let first = 0;
    for (let i = 0; i < values.length; i++) {
      const id = Math.trunc(values[i]);
      // Written so that NaN counts as out of range.
      if (!(id >= 0 && id < classes) && !(hasIgnoreClass && id === ignoreClass)) {
        if (count === 0) first = values[i];
        count++;
      }
    }
    const seen = previous[0];
    out[0] = seen + count;
    out[1] = seen > 0 ? previous[1] : first;
  });
}

const hostBackends = new Set(['cpu', 'wasm']);

function ensureRegistered(backendName: string): void {
  if (tf.getKernel(STRATA_SPARSE_LABEL_CHECK, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_SPARSE_LABEL_CHECK, backendName, kernelFunc: checkKernel as tf.KernelFunc });
  }
}

/** The same fold as an op chain, for backends whose data is not on the host (webgl, webgpu); exported for its test. */
export function checkOps(labels: tf.Tensor, state: tf.Tensor, attrs: CheckAttrs): tf.Tensor {
  const values = tf.reshape(tf.cast(labels, 'float32'), [-1]);
  const ids = tf.cast(values, 'int32');
  let bad = tf.logicalNot(tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, attrs.classes)));
  if (attrs.hasIgnoreClass) bad = tf.logicalAnd(bad, tf.notEqual(ids, attrs.ignoreClass));
  const flags = tf.cast(bad, 'float32');
  const seen = tf.slice(state, [0], [1]);
  const count = tf.reshape(tf.sum(flags), [1]);
  // argMax gives the first flagged label, or label 0 when none is: then the value stays 0, as the kernel's.
  const first = tf.where(tf.greater(count, 0), tf.reshape(tf.gather(values, tf.argMax(flags)), [1]), tf.zeros([1]));
  const value = tf.where(tf.greater(seen, 0), tf.slice(state, [1], [1]), first);
  return tf.concat([tf.add(seen, count), value]);
}

/** One sparse categorical loss's label check (one per model output that has such a loss). */
export class SparseLabelCheck {
  // Made in a tidy so that the initial zeros do not outlive the variable's creation.
  private readonly state = tf.tidy(() => tf.variable(tf.zeros([2]), false));
  private classes = 0;

  constructor(
    private readonly loss: SparseCategoricalCrossentropy,
    private readonly outputName: string,
  ) {}

  /** Folds a batch's labels into the state; call inside the step's tidy. */
  update(yTrue: tf.Tensor, yPred: tf.Tensor): void {
    const axis = this.loss.axis < 0 ? yPred.rank + this.loss.axis : this.loss.axis;
    this.classes = yPred.shape[axis];
    const attrs: CheckAttrs = {
      classes: this.classes,
      ignoreClass: this.loss.ignoreClass ?? 0,
      hasIgnoreClass: this.loss.ignoreClass !== null,
    };
    const backendName = tf.getBackend();
    let next: tf.Tensor;
    if (hostBackends.has(backendName)) {
      ensureRegistered(backendName);
      next = tf.engine().runKernel(
        STRATA_SPARSE_LABEL_CHECK,
        { labels: yTrue, state: this.state },
        attrs as unknown as tf.NamedAttrMap,
      ) as tf.Tensor;
    } else {
      next = checkOps(yTrue, this.state, attrs);
    }
    this.state.assign(next);
  }

  /** The state on the device, [count, first value], read together with the logs. */
  get tensor(): tf.Tensor {
    return this.state;
  }

  /** Throws Keras's error when the state read back holds an offending label. */
  throwIfInvalid(count: number, value: number): void {
    if (count === 0) return;
    throw new ValueError(
      `Target ${value} is out of bounds: the loss "${this.loss.name}" of output "${this.outputName}" expects integer class ids in [0, ${this.classes}), ` +
        `and ${count} label(s) seen since the metrics were last reset were outside that range.`,
    );
  }

  reset(): void {
    tf.tidy(() => this.state.assign(tf.zeros([2])));
  }

  dispose(): void {
    this.state.dispose();
  }
}
