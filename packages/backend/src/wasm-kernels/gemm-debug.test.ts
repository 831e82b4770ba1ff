import * as tf from '@tensorflow/tfjs-core';
import { test } from 'vitest';
import { useBackend } from '../use-backend';
test('bench', async () => {
  const info = await useBackend('wasm', { threads: Number(process.env.T ?? 1) });
  console.log('threads', info.threads, 'workers', info.productWorkers);
  const shapes: Array<[number, number, number, boolean, boolean]> = [
    [512, 512, 512, false, false], [256, 512, 784, false, false], [784, 512, 256, true, false], [256, 784, 512, false, true], [256, 512, 512, false, false],
    [32, 128, 784, false, false], [784, 128, 32, true, false], [288, 64, 3872, false, false], [3872, 288, 64, false, true],
  ];
  const cpu = (f: () => void, reps: number) => { for (let i = 0; i < 3; i++) f(); const c = process.cpuUsage(); const t = performance.now(); for (let i = 0; i < reps; i++) f(); const u = process.cpuUsage(c); return [(u.user + u.system) / 1000 / reps, (performance.now() - t) / reps]; };
  for (const [m, n, k, ta, tb] of shapes) {
    const a = tf.randomNormal(ta ? [k, m] : [m, k]) as tf.Tensor2D;
    const b = tf.randomNormal(tb ? [n, k] : [k, n]) as tf.Tensor2D;
    const flops = 2 * m * n * k;
    const reps = Math.max(5, Math.round(2e9 / flops));
    const [xc, xw] = cpu(() => tf.tidy(() => tf.matMul(ta ? tf.transpose(a) : a, tb ? tf.transpose(b) : b)).dispose(), reps);
    const [sc, sw] = cpu(() => (tf.engine().runKernel('StrataMatMul', { a, b }, { transposeA: ta, transposeB: tb } as any) as tf.Tensor).dispose(), reps);
    console.log(`${m}x${k}·${k}x${n} ta=${ta} tb=${tb} | XNNPACK (after transposes) ${(flops / xw / 1e6).toFixed(1)} wall, ${(flops / xc / 1e6).toFixed(1)} cpu | Strata ${(flops / sw / 1e6).toFixed(1)} wall, ${(flops / sc / 1e6).toFixed(1)} cpu GF/s`);
    tf.dispose([a, b]);
  }
}, 300000);
