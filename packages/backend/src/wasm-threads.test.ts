/**
 * Two wasm threads in Node through the worker-thread shim. Its own file, so
 * its own process: the thread count is fixed once wasm has started.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { expect, test } from 'vitest';
import { STRATA_MAT_MUL } from './kernel-names';
import { useBackend } from './use-backend';

test('useBackend("wasm", { threads: 2 }) runs the threaded build in Node and computes correctly', async () => {
  const info = await useBackend('wasm', { threads: 2 });
  expect(info.threads).toBe(2);
  expect(info.simd).toBe(true);
  const a = tf.tensor2d(Array.from({ length: 64 * 64 }, (_, index) => (index % 7) - 3), [64, 64]);
  const b = tf.eye(64);
  const product = tf.matMul(a, b);
  expect(Array.from(await product.data())).toEqual(Array.from(await a.data()));
  const filterGradient = tf.grad((filter: tf.Tensor) =>
    tf.sum(tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, filter as tf.Tensor4D, 1, 'valid')),
  )(tf.ones([3, 3, 1, 1]));
  // Each filter tap sees the 2×2 valid outputs, each from an input of ones.
  expect(Array.from(await filterGradient.data())).toEqual(Array(9).fill(4));
});

test("Strata's matrix product splits over its worker on the threaded build and computes what one thread does", async () => {
  const info = await useBackend('wasm', { threads: 2 });
  expect(info.productWorkers).toBe(1);
  // Above the split threshold (20 MFLOP), with partial tiles: split along A's blocks, then B's panels.
  for (const [m, n, depth, transposeA, transposeB] of [
    [130, 200, 400, false, false],
    [402, 42, 700, true, false],
    [66, 262, 700, false, true],
  ] as const) {
    const a = tf.randomUniform(transposeA ? [depth, m] : [m, depth], -1, 1, 'float32', 3) as tf.Tensor2D;
    const b = tf.randomUniform(transposeB ? [n, depth] : [depth, n], -1, 1, 'float32', 4) as tf.Tensor2D;
    const bias = tf.randomUniform([n], -1, 1, 'float32', 5) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const strata = tf.engine().runKernel(STRATA_MAT_MUL, { a, b, bias }, { transposeA, transposeB, activation: 'relu' } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const got = await strata.data();
    const [av, bv, biasValues] = [await a.data(), await b.data(), await bias.data()];
    let worst = 0;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let total = biasValues[j];
        for (let k = 0; k < depth; k++) total += (transposeA ? av[k * m + i] : av[i * depth + k]) * (transposeB ? bv[j * depth + k] : bv[k * n + j]);
        worst = Math.max(worst, Math.abs(got[i * n + j] - Math.max(total, 0)) / (1 + Math.abs(total)));
      }
    }
    // float32 sums of 700 products against float64, as gemm.test.ts allows; a wrong split is off by O(1).
    expect(worst).toBeLessThan(2e-5);
    strata.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b, bias]);
  }
});

test("a convolution's filter gradient from patches gathered into the packed layout, split over the worker, equals the direct sum", async () => {
  await useBackend('wasm', { threads: 2 });
  // 288 patch rows (72 blocks) × 1,568 pixels × 64 channels: 58 MFLOP, split along the gathered blocks.
  const [batch, size, inChannels, outChannels] = [8, 16, 32, 64];
  const out = size - 2;
  const x = tf.randomUniform([batch, size, size, inChannels], -1, 1, 'float32', 6) as tf.Tensor4D;
  const dy = tf.randomUniform([batch, out, out, outChannels], -1, 1, 'float32', 7) as tf.Tensor4D;
  const before = tf.memory().numTensors;
  const gradient = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, inChannels, outChannels] } as unknown as tf.NamedAttrMap) as tf.Tensor;
  const [got, xv, dyv] = [await gradient.data(), await x.data(), await dy.data()];
  let worst = 0;
  // Every 7th filter entry against dW[kh, kw, ci, co] = Σ x[b, y + kh, x + kw, ci] · dy[b, y, x, co].
  for (let index = 0; index < got.length; index += 7) {
    const co = index % outChannels;
    const ci = Math.floor(index / outChannels) % inChannels;
    const kw = Math.floor(index / (outChannels * inChannels)) % 3;
    const kh = Math.floor(index / (outChannels * inChannels * 3));
    let total = 0;
    for (let b = 0; b < batch; b++) {
      for (let y = 0; y < out; y++) {
        for (let column = 0; column < out; column++) {
          total += xv[((b * size + y + kh) * size + column + kw) * inChannels + ci] * dyv[((b * out + y) * out + column) * outChannels + co];
        }
      }
    }
    worst = Math.max(worst, Math.abs(got[index] - total) / (1 + Math.abs(total)));
  }
  expect(worst).toBeLessThan(2e-5);
  gradient.dispose();
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([x, dy]);
});

test('a Node program that asked for threads exits when it is done (tfjs pthreads and the product workers are unreferenced)', () => {
  const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const program = `const { useBackend } = await import(${JSON.stringify(pathToFileURL(built).href)}); const info = await useBackend('wasm', { threads: 2 }); console.log(info.productWorkers);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8', timeout: 60_000 });
  expect(run.error, 'the program did not exit within a minute').toBeUndefined();
  expect(run.status).toBe(0);
  expect(run.stdout.trim()).toBe('1');
});
