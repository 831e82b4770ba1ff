import { describe, expect, it } from 'vitest';
import { addTo, get, I32, i32, instantiateOnMemory, leb, op, sleb, v, V128, wasmModule, whileBelow } from './assembler';
import { moduleBytes as simdKernelBytes } from './simd';
import { moduleBytes as simdUpdateBytes } from './simd-updates';

describe('the WebAssembly assembler', () => {
  it('encodes LEB128 numbers as the format wants them', () => {
    expect(leb(0)).toEqual([0]);
    expect(leb(127)).toEqual([0x7f]);
    expect(leb(128)).toEqual([0x80, 0x01]);
    expect(leb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-4)).toEqual([0x7c]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('lays out a module whose loop and SIMD functions run on the imported memory', () => {
    // sum(n): 1 + 2 + ... + n with a whileBelow loop; locals: i (the counter), total.
    const sumBody = [...i32(0), 0x21, 1, ...i32(0), 0x21, 2, ...whileBelow(1, 0, [...addTo(1, i32(1)), ...addTo(2, get(1))]), ...get(2), op.end];
    // addVectors(a, b, out): out = a + b for four float32 lanes.
    const addBody = [...get(2), ...get(0), ...v.load, ...get(1), ...v.load, ...v.addF32, ...v.store, op.end];
    const bytes = wasmModule([
      { name: 'sum', params: [I32], results: [I32], locals: [[2, I32]], body: sumBody },
      { name: 'addVectors', params: [I32, I32, I32], results: [], locals: [[1, V128]], body: addBody },
    ]);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const exports = instantiateOnMemory(() => bytes, memory);
    expect(exports).not.toBeNull();
    expect((exports!.sum as (n: number) => number)(10)).toBe(55);
    const heap = new Float32Array(memory.buffer);
    heap.set([1, 2, 3, 4, 0.5, -2, 10, 0.25], 0);
    (exports!.addVectors as (a: number, b: number, out: number) => void)(0, 16, 32);
    expect(Array.from(heap.subarray(8, 12))).toEqual([1.5, 0, 13, 4.25]);
  });

  it('returns null for bytes that do not validate', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(instantiateOnMemory(() => new Uint8Array([0, 0x61, 0x73, 0x6d, 9, 9, 9, 9]), memory)).toBeNull();
  });

  it("builds Strata's two modules under the 4 KB that browsers compile synchronously", () => {
    for (const bytes of [simdKernelBytes(), simdUpdateBytes()]) {
      expect(WebAssembly.validate(bytes)).toBe(true);
      expect(bytes.length).toBeLessThan(4096);
    }
  });
});
