import { useBackend } from '../use-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { simdUpdatesFor } from './simd-updates';
import { adamLoop, adamLoopFloat32, rmspropLoop, rmspropLoopFloat32 } from '../host-kernels/update-loops';

/** A deterministic pseudo-random float in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// A whole number of quads: the kernels take whole quads only, their caller runs the last elements in JS.
const n = 1236;
const f = Math.fround;

/** `count` random float32 arrays of length n on `memory` (weights, gradients spanning 6 decades, small slots), and JS copies of them. */
function arraysOn(memory: WebAssembly.Memory, count: number, seed: number): { heap: Float32Array[]; js: Float32Array[] } {
  const random = lcg(seed);
  const heap = Array.from({ length: count }, (_, k) => new Float32Array(memory.buffer, 16 + 4 * n * k, n));
  for (let i = 0; i < n; i++) {
    heap[0][i] = random() * 2 - 1;
    heap[2][i] = (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3);
    for (let k = 3; k < count; k++) heap[k][i] = random() * 0.01;
  }
  return { heap, js: heap.map((array) => Float32Array.from(array)) };
}

describe('simdUpdatesFor', () => {
  /**
   * Largest difference between two arrays relative to the largest magnitude in
   * `b`: where `m + (g - m)·c1` nearly cancels, a few ulps of the operands are
   * many ulps of the result, so a per-element ulp count would mislead.
   */
  function relativeDifference(a: Float32Array, b: Float32Array): number {
    let worst = 0;
    let largest = 0;
    for (let i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
      largest = Math.max(largest, Math.abs(b[i]));
    }
    return worst / largest;
  }

  it('Adam computes bit for bit the float32 op chain, in place on the memory, within 1e-6 of the float64 JS loop', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = simdUpdatesFor(memory);
    expect(simd).not.toBeNull();
    const { heap, js } = arraysOn(memory, 5, 7);
    const wide = js.map((array) => Float32Array.from(array));
    const [w, out, g, m, v] = heap;
    const scalars = { alpha: f(0.001 * 0.31), oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7 };
    for (let step = 0; step < 3; step++) {
      adamLoopFloat32(js[0], js[1], js[2], js[3], js[4], scalars);
      adamLoop(wide[0], wide[1], wide[2], wide[3], wide[4], null, scalars);
      simd!.adam(w.byteOffset, out.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n * 4, f(scalars.alpha), f(scalars.oneMinusBeta1), f(scalars.oneMinusBeta2), f(scalars.epsilon));
    }
    expect(Array.from(out)).toEqual(Array.from(js[1]));
    expect(Array.from(m)).toEqual(Array.from(js[3]));
    expect(Array.from(v)).toEqual(Array.from(js[4]));
    expect(out.some((x, i) => x !== w[i])).toBe(true);
    expect(relativeDifference(out, wide[1])).toBeLessThan(1e-6);
    expect(relativeDifference(m, wide[3])).toBeLessThan(1e-6);
  });

  it('RMSprop computes bit for bit the float32 op chain, in place on the memory, within 1e-6 of the float64 JS loop', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = simdUpdatesFor(memory)!;
    const { heap, js } = arraysOn(memory, 4, 11);
    const wide = js.map((array) => Float32Array.from(array));
    const [w, out, g, v] = heap;
    const scalars = { learningRate: 0.001, rho: 0.9, oneMinusRho: 1 - 0.9, epsilon: 1e-7, momentum: 0 };
    for (let step = 0; step < 3; step++) {
      rmspropLoopFloat32(js[0], js[1], js[2], js[3], scalars);
      rmspropLoop(wide[0], wide[1], wide[2], wide[3], null, null, scalars);
      simd.rmsprop(w.byteOffset, out.byteOffset, g.byteOffset, v.byteOffset, n * 4, f(scalars.learningRate), f(scalars.rho), f(scalars.oneMinusRho), f(scalars.epsilon));
    }
    expect(Array.from(out)).toEqual(Array.from(js[1]));
    expect(Array.from(v)).toEqual(Array.from(js[3]));
    expect(out.some((x, i) => x !== w[i])).toBe(true);
    expect(relativeDifference(out, wide[1])).toBeLessThan(1e-6);
    expect(relativeDifference(v, wide[3])).toBeLessThan(1e-6);
  });

  it('the float32 loops are the op chain of adam.ts and rmsprop.ts on the cpu backend, bit for bit', async () => {
    await useBackend('cpu');
    const random = lcg(3);
    const values = (scale: number) => Float32Array.from({ length: 257 }, () => (random() - 0.5) * scale);
    const [w, g] = [values(2), values(0.02)];
    const [m, v] = [values(0.01).map(Math.abs), values(0.0001).map(Math.abs)];
    const adam = { alpha: f(0.001 * 0.31), oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7 };
    const [wOut, mOut, vOut] = [new Float32Array(w.length), Float32Array.from(m), Float32Array.from(v)];
    adamLoopFloat32(w, wOut, g, mOut, vOut, adam);
    const [tw, tg, tm, tv] = [w, g, m, v].map((array) => tf.tensor1d(array));
    const chain = tf.tidy(() => {
      const mi = tf.add(tm, tf.mul(tf.sub(tg, tm), 1 - 0.9));
      const vi = tf.add(tv, tf.mul(tf.sub(tf.square(tg), tv), 1 - 0.999));
      return [tf.sub(tw, tf.div(tf.mul(mi, tf.scalar(adam.alpha)), tf.add(tf.sqrt(vi), adam.epsilon))), mi, vi];
    });
    expect(Array.from(wOut)).toEqual(Array.from(chain[0].dataSync()));
    expect(Array.from(mOut)).toEqual(Array.from(chain[1].dataSync()));
    expect(Array.from(vOut)).toEqual(Array.from(chain[2].dataSync()));
    const rms = { learningRate: 0.001, rho: 0.9, oneMinusRho: 1 - 0.9, epsilon: 1e-7, momentum: 0 };
    const [rOut, rv] = [new Float32Array(w.length), Float32Array.from(v)];
    rmspropLoopFloat32(w, rOut, g, rv, rms);
    const rmsChain = tf.tidy(() => {
      const vi = tf.add(tf.mul(tv, 0.9), tf.mul(tf.square(tg), 1 - 0.9));
      return [tf.sub(tw, tf.div(tf.mul(tg, tf.scalar(0.001)), tf.sqrt(tf.add(vi, 1e-7)))), vi];
    });
    expect(Array.from(rOut)).toEqual(Array.from(rmsChain[0].dataSync()));
    expect(Array.from(rv)).toEqual(Array.from(rmsChain[1].dataSync()));
    tf.dispose([tw, tg, tm, tv, ...chain, ...rmsChain]);
  });

  it('binds to the wasm backend memory that the fused updates use', async () => {
    await useBackend('wasm');
    const module = (tf.backend() as unknown as { wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown } }).wasm;
    const memory = module.asm?.memory ?? module.wasmMemory;
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(simdUpdatesFor(memory as WebAssembly.Memory)).not.toBeNull();
  });
});
