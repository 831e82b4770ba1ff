import * as tf from '@tensorflow/tfjs-core';
import { activeBackendIsHost, asHostBackend, type HostValues, outputsOnHeap } from '../host-backend';
import { STRATA_GATHER_ROWS } from '../kernel-names';

/**
 * Batches taken from in-memory data: rows by number (a shuffled batch) or a
 * run of rows (an unshuffled one), copied in JS on cpu and wasm.
 *
 * Why not tf.gather and tf.slice: `StrataGatherRows` takes the row numbers as
 * an attribute, so a step creates no index tensor and runs no `GatherV2`
 * (0.9 ms for a [32,28,28] batch on wasm, 2.5 ms on cpu, against tens of
 * microseconds for 32 row copies). And tfjs-backend-wasm's `Slice` reads its
 * whole input through `readSync`, which copies the entire tensor off the heap:
 * taking every batch of n rows that way copies n²/batchSize rows, so predict
 * and evaluate grew quadratically with n on wasm (10,000 rows took 22× as long
 * as 5,000). This kernel copies only the rows it returns.
 *
 * Registered on first use; other backends (and string tensors) use tf.gather
 * and tf.slice, which are linear there.
 */
type Rows = HostValues;

/** Attributes of StrataGatherRows: explicit row numbers, or `count` rows from `start`. */
type GatherRowsAttrs = { rows: Int32Array } | { start: number; count: number };

function copyRows(from: Rows, to: Rows, attrs: GatherRowsAttrs, rowLength: number): void {
  if ('start' in attrs) {
    to.set(from.subarray(attrs.start * rowLength, (attrs.start + attrs.count) * rowLength));
    return;
  }
  const rows = attrs.rows;
  for (let i = 0; i < rows.length; i++) {
    const start = rows[i] * rowLength;
    to.set(from.subarray(start, start + rowLength), i * rowLength);
  }
}

function gatherKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const host = asHostBackend(backend);
  const x = inputs.x as tf.TensorInfo;
  const rowAttrs = attrs as unknown as GatherRowsAttrs;
  const rowCount = 'start' in rowAttrs ? rowAttrs.count : rowAttrs.rows.length;
  const rowLength = tf.util.sizeFromShape(x.shape.slice(1));
  const shape = [rowCount, ...x.shape.slice(1)];
  if (outputsOnHeap(host)) {
    const out = host.makeOutput!(shape, x.dtype);
    // Views after makeOutput: growing the heap detaches older ones.
    copyRows(host.typedArrayFromHeap!(x), host.typedArrayFromHeap!(out), rowAttrs, rowLength);
    return out;
  }
  const values = host.data!.get(x.dataId).values as Rows;
  const out = new (values.constructor as new (length: number) => Rows)(rowCount * rowLength);
  copyRows(values, out, rowAttrs, rowLength);
  return host.makeTensorInfo!(shape, x.dtype, out);
}

/** Whether the active backend runs StrataGatherRows for these tensors (registering it on first use). */
function useHostKernel(tensors: tf.Tensor[]): boolean {
  if (!activeBackendIsHost() || tensors.some((t) => t.dtype === 'string' || t.dtype === 'complex64')) return false;
  const backendName = tf.getBackend();
  if (tf.getKernel(STRATA_GATHER_ROWS, backendName) === undefined) {
    tf.registerKernel({ kernelName: STRATA_GATHER_ROWS, backendName, kernelFunc: gatherKernel as tf.KernelFunc });
  }
  return true;
}

function runGather(x: tf.Tensor, attrs: GatherRowsAttrs): tf.Tensor {
  return tf.engine().runKernel(STRATA_GATHER_ROWS, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Rows `rows` (each in range) of every tensor, on the active backend; the caller owns the results. */
export function gatherRows(tensors: tf.Tensor[], rows: Int32Array): tf.Tensor[] {
  if (!useHostKernel(tensors)) {
    const indices = tf.tensor1d(rows, 'int32');
    const out = tensors.map((t) => tf.gather(t, indices));
    indices.dispose();
    return out;
  }
  return tensors.map((x) => runGather(x, { rows }));
}

/** Rows [start, start + count) of every tensor, copying only those rows; the caller owns the results. */
export function sliceRows(tensors: tf.Tensor[], start: number, count: number): tf.Tensor[] {
  if (!useHostKernel(tensors)) return tensors.map((t) => tf.slice(t, [start], [count]));
  return tensors.map((x) => runGather(x, { start, count }));
}
