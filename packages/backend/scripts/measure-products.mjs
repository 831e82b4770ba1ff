// Strata's wasm product (StrataMatMul) against tfjs's tf.matMul (XNNPACK, with the transposing copies its layout
// needs) on the shapes of the bench's workloads, with the wasm SIMD peak of this machine beside them.
// Run after building the package: node packages/backend/scripts/measure-products.mjs [threads]
import * as tf from '@tensorflow/tfjs-core';
import { measureWasmSimdPeak, STRATA_MAT_MUL, useBackend } from '../dist/index.js';

const info = await useBackend('wasm', { threads: Number(process.argv[2] ?? 1) });
const peak = measureWasmSimdPeak(0.5);
console.log(`wasm, ${info.threads} thread(s), ${info.productWorkers} product worker(s); SIMD peak ${peak?.mulAdd.toFixed(1)} GFLOP/s (mul+add), relaxed_madd ${peak?.relaxedMadd?.toFixed(1) ?? 'not compiled'}`);
const shapes = [
  ['512² A·B', 512, 512, 512, false, false],
  ['W2 forward', 256, 512, 784, false, false],
  ['W2 kernel gradient (Aᵀ·B)', 784, 512, 256, true, false],
  ['W2 input gradient (A·Bᵀ)', 256, 784, 512, false, true],
  ['W1 forward', 32, 128, 784, false, false],
  ['W1 kernel gradient (Aᵀ·B)', 784, 128, 32, true, false],
  ['W3 filter gradient', 288, 64, 3872, false, false],
  ['W3 input gradient (A·Bᵀ)', 3872, 288, 64, false, true],
];
const seconds = (run, reps) => {
  for (let i = 0; i < 3; i++) run();
  const start = performance.now();
  for (let i = 0; i < reps; i++) run();
  return (performance.now() - start) / 1000 / reps;
};
console.log('| shape | m×k·k×n | tfjs GFLOP/s | Strata GFLOP/s | Strata ÷ tfjs |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const [label, m, n, k, transposeA, transposeB] of shapes) {
  const a = tf.randomNormal(transposeA ? [k, m] : [m, k]);
  const b = tf.randomNormal(transposeB ? [n, k] : [k, n]);
  const flops = 2 * m * n * k;
  const reps = Math.max(5, Math.round(2e9 / flops));
  const tfjs = seconds(() => tf.tidy(() => tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b)).dispose(), reps);
  const strata = seconds(() => tf.engine().runKernel(STRATA_MAT_MUL, { a, b }, { transposeA, transposeB }).dispose(), reps);
  console.log(`| ${label} | ${m}×${k}·${k}×${n} | ${(flops / tfjs / 1e9).toFixed(1)} | ${(flops / strata / 1e9).toFixed(1)} | ${(tfjs / strata).toFixed(2)}× |`);
  tf.dispose([a, b]);
}
