import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { instantiateOnMemory } from './assembler';
import { gemm, type GemmKernels, gemmKernelsFor, relaxedSimdAvailable } from './gemm';
import { gemmModuleBytes, type PackFn, type ProductFn } from './gemm-module';
import { asWasmBackend, type TensorInfo } from './wasm-backend';
import { wasmMemoryOf } from '../host-backend';

/** Deterministic values in [-1, 1). */
function values(size: number, seed: number): Float32Array {
  const out = new Float32Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = (state / 2 ** 32) * 2 - 1;
  }
  return out;
}

/** op(a)·op(b) (+ bias, relu) in float64, the reference. */
function reference(a: Float32Array, b: Float32Array, m: number, n: number, depth: number, ta: boolean, tb: boolean, bias?: Float32Array, relu = false): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let total = bias ? bias[j] : 0;
      for (let k = 0; k < depth; k++) total += (ta ? a[k * m + i] : a[i * depth + k]) * (tb ? b[j * depth + k] : b[k * n + j]);
      out[i * n + j] = relu ? Math.max(total, 0) : total;
    }
  }
  return out;
}

function plainKernels(backend: unknown): GemmKernels {
  const memory = wasmMemoryOf(backend)!;
  const bytes = gemmModuleBytes(false);
  const exports = instantiateOnMemory(() => bytes, memory)!;
  return { pack: exports.pack as PackFn, product: exports.product as ProductFn, relaxed: false, bytes, memory };
}

describe('Strata matrix product on wasm (gemm)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  const cases: Array<[string, number, number, number]> = [
    ['whole tiles', 12, 16, 8],
    ['partial tiles and an odd depth', 7, 10, 13],
    ['W1 first layer', 32, 128, 784],
    ['depth over two slices, one row', 1, 9, 600],
    ['empty depth', 5, 8, 0],
  ];
  for (const relaxed of [true, false]) {
    const label = relaxed ? 'the module in use' : 'the plain SIMD module';
    describe(label, () => {
      for (const [name, m, n, depth] of cases) {
        for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
          test(`${name} (${m}×${depth}·${depth}×${n}, transposeA ${ta}, transposeB ${tb}), with bias and relu`, () => {
            const backend = asWasmBackend(tf.backend());
            const kernels = relaxed ? gemmKernelsFor(tf.backend())! : plainKernels(tf.backend());
            const aValues = values(m * depth, 1 + m);
            const bValues = values(depth * n, 2 + n);
            const biasValues = values(n, 3);
            const a = tf.tensor2d(aValues, ta ? [depth, m] : [m, depth]);
            const b = tf.tensor2d(bValues, tb ? [n, depth] : [depth, n]);
            const bias = tf.tensor1d(biasValues);
            const before = tf.memory().numBytes;
            for (const [withBias, relu] of [[false, false], [true, true], [true, false]] as const) {
              const info = gemm(backend, kernels, a as unknown as TensorInfo, b as unknown as TensorInfo, {
                transposeA: ta,
                transposeB: tb,
                bias: withBias ? (bias as unknown as TensorInfo) : undefined,
                relu,
              });
              const result = tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor2D;
              expect(result.shape).toEqual([m, n]);
              const got = result.dataSync();
              const expected = reference(aValues, bValues, m, n, depth, ta, tb, withBias ? biasValues : undefined, relu);
              let worst = 0;
              for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]) / (1 + Math.abs(expected[i])));
              // float32 sums of up to 784 products of values in [-1, 1): about 1e-6 relative per step at worst.
              expect(worst).toBeLessThan(2e-5);
              result.dispose();
            }
            expect(tf.memory().numBytes).toBe(before);
            tf.dispose([a, b, bias]);
          });
        }
      }
    });
  }

  test('relaxed SIMD detection answers and the module in use says which it is', () => {
    const kernels = gemmKernelsFor(tf.backend());
    expect(kernels).not.toBeNull();
    expect(kernels!.relaxed).toBe(relaxedSimdAvailable());
  });

  test('NaN and infinities pass through the product and relu keeps NaN', () => {
    const backend = asWasmBackend(tf.backend());
    const kernels = gemmKernelsFor(tf.backend())!;
    const a = tf.tensor2d([Number.NaN, 1, 1, 1, Number.POSITIVE_INFINITY, 0], [3, 2]);
    const b = tf.tensor2d([1, -1, 2, 1], [2, 2]);
    const result = tf.engine().makeTensorFromTensorInfo(gemm(backend, kernels, a as unknown as TensorInfo, b as unknown as TensorInfo, { relu: true })) as tf.Tensor;
    const got = Array.from(result.dataSync());
    expect(got.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(got.slice(2, 4)).toEqual([3, 0]);
    expect(got[4]).toBe(Number.POSITIVE_INFINITY);
    expect(got[5]).toBe(0); // −∞ through relu
    tf.dispose([a, b, result]);
  });
});

test('both forms of the module stay below the 4 KB that browsers compile synchronously', () => {
  expect(gemmModuleBytes(false).length).toBeLessThan(4096);
  expect(gemmModuleBytes(true).length).toBeLessThan(4096);
});
