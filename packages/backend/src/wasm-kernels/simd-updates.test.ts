import { useBackend } from '../use-backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { simdUpdatesFor } from './simd-updates';
import { adamLoop, rmspropLoop } from '../host-kernels/update-loops';

/** A deterministic pseudo-random float in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const n = 1234;
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
  it('Adam computes bit for bit what the JS Adam loop computes, in place on the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = simdUpdatesFor(memory);
    expect(simd).not.toBeNull();
    const { heap, js } = arraysOn(memory, 5, 7);
    const [w, out, g, m, v] = heap;
    const scalars = { alpha: f(0.001 * 0.31), oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7 };
    for (let step = 0; step < 3; step++) {
      adamLoop(js[0], js[1], js[2], js[3], js[4], null, scalars);
      simd!.adam(w.byteOffset, out.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n * 4, f(scalars.alpha), f(scalars.oneMinusBeta1), f(scalars.oneMinusBeta2), f(scalars.epsilon));
    }
    expect(Array.from(out)).toEqual(Array.from(js[1]));
    expect(Array.from(m)).toEqual(Array.from(js[3]));
    expect(Array.from(v)).toEqual(Array.from(js[4]));
    expect(out.some((x, i) => x !== w[i])).toBe(true);
  });

  it('RMSprop computes bit for bit what the JS RMSprop loop computes, in place on the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = simdUpdatesFor(memory)!;
    const { heap, js } = arraysOn(memory, 4, 11);
    const [w, out, g, v] = heap;
    const scalars = { learningRate: 0.001, rho: 0.9, oneMinusRho: 1 - 0.9, epsilon: 1e-7, momentum: 0 };
    for (let step = 0; step < 3; step++) {
      rmspropLoop(js[0], js[1], js[2], js[3], null, null, scalars);
      simd.rmsprop(w.byteOffset, out.byteOffset, g.byteOffset, v.byteOffset, n * 4, f(scalars.learningRate), f(scalars.rho), f(scalars.oneMinusRho), f(scalars.epsilon));
    }
    expect(Array.from(out)).toEqual(Array.from(js[1]));
    expect(Array.from(v)).toEqual(Array.from(js[3]));
    expect(out.some((x, i) => x !== w[i])).toBe(true);
  });

  it('binds to the wasm backend memory that the fused updates use', async () => {
    await useBackend('wasm');
    const module = (tf.backend() as unknown as { wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown } }).wasm;
    const memory = module.asm?.memory ?? module.wasmMemory;
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(simdUpdatesFor(memory as WebAssembly.Memory)).not.toBeNull();
  });
});
