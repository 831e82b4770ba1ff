import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, hostOutput, hostValues } from '../host-backend';
import { STRATA_SPARSE_LABEL_CHECK } from '../kernel-names';

/**
 * The range check of sparse categorical labels as one fold on the device:
 * `state` is [count of labels out of range, first such value] and the op
 * returns the state after `labels`. @strata/models keeps the state in a
 * variable per output and reads it with the logs, so that a bad label is
 * reported without a read per batch. On cpu and wasm one host kernel
 * (`StrataSparseLabelCheck`) does the pass; elsewhere an op chain does.
 */
export interface SparseLabelCheckAttrs {
  classes: number;
  ignoreClass: number;
  hasIgnoreClass: boolean;
}

/** The host loop: one pass over the batch's labels, one two-number output. */
function checkKernel(args: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): tf.TensorInfo {
  const host = asHostBackend(args.backend);
  const { labels, state } = args.inputs as unknown as { labels: tf.TensorInfo; state: tf.TensorInfo };
  const { classes, ignoreClass, hasIgnoreClass } = args.attrs as SparseLabelCheckAttrs;
  return hostOutput(host, [2], 'float32', (out) => {
    const values = hostValues(host, labels);
    const previous = hostValues(host, state);
    let count = 0;
    let first = 0;
    for (let i = 0; i < values.length; i++) {
      const id = values[i];
      // Written so that NaN and fractions count as invalid.
      if (!(Number.isInteger(id) && id >= 0 && id < classes) && !(hasIgnoreClass && id === ignoreClass)) {
        if (count === 0) first = values[i];
        count++;
      }
    }
    const seen = previous[0];
    out[0] = seen + count;
    out[1] = seen > 0 ? previous[1] : first;
  });
}

/** The same fold as an op chain, for backends whose data is not on the host (webgl, webgpu). */
export function sparseLabelCheckOps(labels: tf.Tensor, state: tf.Tensor, attrs: SparseLabelCheckAttrs): tf.Tensor {
  const values = tf.reshape(tf.cast(labels, 'float32'), [-1]);
  const ids = tf.cast(values, 'int32');
  const whole = tf.equal(values, tf.cast(ids, 'float32'));
  let bad = tf.logicalNot(tf.logicalAnd(whole, tf.logicalAnd(tf.greaterEqual(ids, 0), tf.less(ids, attrs.classes))));
  if (attrs.hasIgnoreClass) bad = tf.logicalAnd(bad, tf.notEqual(ids, attrs.ignoreClass));
  const flags = tf.cast(bad, 'float32');
  const seen = tf.slice(state, [0], [1]);
  const count = tf.reshape(tf.sum(flags), [1]);
  // argMax gives the first flagged label, or label 0 when none is: then the value stays 0, as the kernel's.
  const first = tf.where(tf.greater(count, 0), tf.reshape(tf.gather(values, tf.argMax(flags)), [1]), tf.zeros([1]));
  const value = tf.where(tf.greater(seen, 0), tf.slice(state, [1], [1]), first);
  return tf.concat([tf.add(seen, count), value]);
}

/** The check's state after folding in `labels` (any shape): [count out of range, first such value]. Call inside a tidy. */
export function sparseLabelCheck(labels: tf.Tensor, state: tf.Tensor, attrs: SparseLabelCheckAttrs): tf.Tensor {
  if (!activeBackendIsHost()) return sparseLabelCheckOps(labels, state, attrs);
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_SPARSE_LABEL_CHECK, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_SPARSE_LABEL_CHECK, backendName, kernelFunc: checkKernel as tf.KernelFunc });
  }
  return tf.engine().runKernel(STRATA_SPARSE_LABEL_CHECK, { labels, state }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}
