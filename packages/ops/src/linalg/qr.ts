import type * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import type { TensorLike } from '../core/tensor-like';
import { householderQr } from './decompositions';
import { readMatrices, writeMatrices } from './matrices';

export interface QrOptions {
  /** 'reduced' (Q is m×k, R k×n, k = min(m, n); the default) or 'complete' (Q m×m, R m×n). */
  mode?: 'reduced' | 'complete';
}

/** `ops.qr(x, { mode })`: `[q, r]` with `x = q r`, by Householder reflections with LAPACK's signs (as torch's). */
export const qr = /* @__PURE__ */ defineOp({ name: 'qr', module: 'linalg' }, function qr(x: TensorLike, options: QrOptions = {}): [tf.Tensor, tf.Tensor] {
  const mode = options.mode ?? 'reduced';
  if (mode !== 'reduced' && mode !== 'complete') throw new RangeError(`ops.linalg.qr: mode must be 'reduced' or 'complete'; received "${mode}".`);
  const batch = readMatrices(x, 'qr');
  const { rows: m, cols: n } = batch;
  const k = Math.min(m, n);
  const factors = batch.matrices.map((a) => householderQr(a, mode === 'complete'));
  const qCols = mode === 'complete' ? m : k;
  return [
    writeMatrices(
      batch.batchShape,
      m,
      qCols,
      factors.map((f) => f.q),
    ),
    writeMatrices(
      batch.batchShape,
      qCols,
      n,
      factors.map((f) => f.r),
    ),
  ];
});
