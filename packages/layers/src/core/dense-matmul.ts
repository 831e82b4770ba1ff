import * as tf from '@tensorflow/tfjs-core';

/**
 * A matrix product for tfjs's cpu backend, about 6× faster than its
 * `BatchMatMul` (2.0 against 0.35 GFLOP/s on a 256×784 by 784×512 product, and
 * 36 ms for its `[32,784]ᵀ·[32,128]` against 2 ms): transposed operands are
 * copied into row-major order first, then four rows of the result accumulate at
 * once (each row of B is read once per four rows of A), in float64.
 * Registered as `StrataMatMul` on 'cpu' on first use; Dense uses it on cpu only.
 */
export const STRATA_MAT_MUL = 'StrataMatMul';

function transposed(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    const from = r * columns;
    for (let c = 0; c < columns; c++) out[c * rows + r] = values[from + c];
  }
  return out;
}

/** `out = a · b (+ bias) (relu)`, a [m, k], b [k, n], row-major. */
export function matMulRowMajor(
  a: Float32Array,
  b: Float32Array,
  m: number,
  k: number,
  n: number,
  bias: Float32Array | null = null,
  relu = false,
): Float32Array {
  const out = new Float32Array(m * n);
  const rows = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const [acc0, acc1, acc2, acc3] = rows;
  const store = (acc: Float64Array, row: number) => {
    const offset = row * n;
    for (let j = 0; j < n; j++) {
      let value = bias === null ? acc[j] : acc[j] + bias[j];
      if (relu && value < 0) value = 0;
      out[offset + j] = value;
    }
  };
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    acc0.fill(0);
    acc1.fill(0);
    acc2.fill(0);
    acc3.fill(0);
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    for (let p = 0; p < k; p++) {
      const a0 = a[r0 + p];
      const a1 = a[r1 + p];
      const a2 = a[r2 + p];
      const a3 = a[r3 + p];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) {
        const bValue = b[bRow + j];
        acc0[j] += a0 * bValue;
        acc1[j] += a1 * bValue;
        acc2[j] += a2 * bValue;
        acc3[j] += a3 * bValue;
      }
    }
    store(acc0, i);
    store(acc1, i + 1);
    store(acc2, i + 2);
    store(acc3, i + 3);
  }
  for (; i < m; i++) {
    acc0.fill(0);
    const r0 = i * k;
    for (let p = 0; p < k; p++) {
      const a0 = a[r0 + p];
      if (a0 === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) acc0[j] += a0 * b[bRow + j];
    }
    store(acc0, i);
  }
  return out;
}

interface CpuBackend extends tf.KernelBackend {
  data: { get(dataId: object): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

function valuesOf(backend: CpuBackend, info: tf.TensorInfo): Float32Array {
  const values = backend.data.get(info.dataId).values;
  if (!(values instanceof Float32Array)) throw new Error(`${STRATA_MAT_MUL} takes float32 tensors; received dtype ${info.dtype}.`);
  return values;
}

export interface MatMulAttrs {
  transposeA: boolean;
  transposeB: boolean;
  activation: 'linear' | 'relu';
}

/** The cpu kernel: rank-2 `a`, `b`, optional `bias`; attributes as `MatMulAttrs`. */
export function cpuMatMul(backend: CpuBackend, inputs: { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo }, attrs: MatMulAttrs): tf.TensorInfo {
  const { a, b, bias } = inputs;
  const [m, k] = attrs.transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const n = attrs.transposeB ? b.shape[0] : b.shape[1];
  const aRows = attrs.transposeA ? transposed(valuesOf(backend, a), k, m) : valuesOf(backend, a);
  const bRows = attrs.transposeB ? transposed(valuesOf(backend, b), n, k) : valuesOf(backend, b);
  const out = matMulRowMajor(aRows, bRows, m, k, n, bias ? valuesOf(backend, bias) : null, attrs.activation === 'relu');
  return backend.makeTensorInfo([m, n], 'float32', out);
}

export function ensureCpuMatMul(): void {
  if (tf.getKernel(STRATA_MAT_MUL, 'cpu') !== undefined) return;
  tf.registerKernel({
    kernelName: STRATA_MAT_MUL,
    backendName: 'cpu',
    kernelFunc: ({ inputs, attrs, backend }) =>
      cpuMatMul(backend as CpuBackend, inputs as { a: tf.TensorInfo; b: tf.TensorInfo }, { activation: 'linear', ...(attrs as unknown as Partial<MatMulAttrs>) } as MatMulAttrs),
  });
}

/** `op(a) · op(b)` through `StrataMatMul` (cpu backend only). */
export function cpuMatMulOp(a: tf.Tensor2D, b: tf.Tensor2D, transposeA: boolean, transposeB: boolean): tf.Tensor2D {
  ensureCpuMatMul();
  return tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA, transposeB } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
