import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { adamSimdFor } from './adam-simd';
import { adamLoop } from './update-loops';

/** A deterministic pseudo-random float in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('adamSimdFor', () => {
  it('computes bit for bit what the JS Adam loop computes, in place on the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const simd = adamSimdFor(memory);
    expect(simd).not.toBeNull();
    const n = 1234;
    const random = lcg(7);
    let offset = 16;
    const view = () => {
      const array = new Float32Array(memory.buffer, offset, n);
      offset += 4 * n;
      return array;
    };
    const [w, out, g, m, v] = [view(), view(), view(), view(), view()];
    for (let i = 0; i < n; i++) {
      w[i] = random() * 2 - 1;
      g[i] = (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3);
      m[i] = (random() - 0.5) * 0.1;
      v[i] = random() * 0.01;
    }
    const [wJs, outJs, gJs, mJs, vJs] = [w, out, g, m, v].map((array) => Float32Array.from(array));
    const scalars = { alpha: Math.fround(0.001 * 0.31), oneMinusBeta1: 1 - 0.9, oneMinusBeta2: 1 - 0.999, epsilon: 1e-7 };
    const f = Math.fround;
    for (let step = 0; step < 3; step++) {
      adamLoop(wJs, outJs, gJs, mJs, vJs, null, scalars);
      simd!(w.byteOffset, out.byteOffset, g.byteOffset, m.byteOffset, v.byteOffset, n * 4, f(scalars.alpha), f(scalars.oneMinusBeta1), f(scalars.oneMinusBeta2), f(scalars.epsilon));
    }
    expect(Array.from(out)).toEqual(Array.from(outJs));
    expect(Array.from(m)).toEqual(Array.from(mJs));
    expect(Array.from(v)).toEqual(Array.from(vJs));
    expect(out.some((x, i) => x !== w[i])).toBe(true);
  });

  it('binds to the wasm backend memory that the fused Adam update uses', async () => {
    await useBackend('wasm');
    const module = (tf.backend() as unknown as { wasm: { asm?: { memory?: unknown }; wasmMemory?: unknown } }).wasm;
    const memory = module.asm?.memory ?? module.wasmMemory;
    expect(memory).toBeInstanceOf(WebAssembly.Memory);
    expect(adamSimdFor(memory as WebAssembly.Memory)).not.toBeNull();
  });
});
