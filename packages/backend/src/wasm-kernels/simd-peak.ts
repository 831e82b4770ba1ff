/**
 * The wasm SIMD arithmetic peak of this machine and runtime, measured by a
 * probe that never touches memory in its loop: eight independent float32x4
 * accumulators, each step `acc += a·b` (a multiply and an add, or one
 * `f32x4.relaxed_madd` where the runtime has relaxed SIMD). The bench prints
 * it beside the products' rates, so a product's efficiency is read against
 * this machine's own ceiling, never against another machine's figures.
 */
import { f32, get, I32, i32, instantiateOnMemory, op, set, V128, v, wasmModule } from './assembler';

/** 8 accumulators × 4 lanes × 2 flops per step. */
const FLOPS_PER_STEP = 64;

function probeBody(relaxed: boolean): number[] {
  const [STEPS, I] = [0, 1];
  const ACC = 2; // 8 accumulators
  const [A0, B] = [10, 14]; // 4 multiplicands, then b
  const multiplyAdd = (k: number) =>
    relaxed
      ? [...get(A0 + (k % 4)), ...get(B), ...get(ACC + k), ...v.relaxedMaddF32, ...set(ACC + k)]
      : [...get(A0 + (k % 4)), ...get(B), ...v.mulF32, ...get(ACC + k), ...v.addF32, ...set(ACC + k)];
  const sumInto = (target: number, from: number) => [...get(target), ...get(from), ...v.addF32, ...set(target)];
  return [
    ...[0, 1, 2, 3].flatMap((k) => [...f32(1 + k / 8), ...v.splatF32, ...set(A0 + k)]),
    ...f32(0.999), ...v.splatF32, ...set(B),
    ...op.block, ...op.loop,
    ...get(I), ...get(STEPS), op.i32GeU, op.brIf, 1,
    ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap(multiplyAdd),
    ...get(I), ...i32(1), op.i32Add, ...set(I),
    op.br, 0,
    op.end, op.end,
    // Keep the results: their sum goes to memory, so no step can be dropped.
    ...[1, 2, 3, 4, 5, 6, 7].flatMap((k) => sumInto(ACC, ACC + k)),
    ...i32(0), ...get(ACC), ...v.store,
    op.end,
  ];
}

function probeModule(relaxed: boolean): Uint8Array<ArrayBuffer> {
  return wasmModule([{ name: 'probe', params: [I32], results: [], locals: [[1, I32], [13, V128]], body: probeBody(relaxed) }]);
}

export interface WasmSimdPeak {
  /** GFLOP/s with `f32x4.mul` and `f32x4.add`. */
  mulAdd: number;
  /** GFLOP/s with `f32x4.relaxed_madd`; null where the runtime has no relaxed SIMD. */
  relaxedMadd: number | null;
}

function rate(relaxed: boolean, seconds: number): number | null {
  const exports = instantiateOnMemory(() => probeModule(relaxed), new WebAssembly.Memory({ initial: 1 }));
  if (exports === null) return null;
  const probe = exports.probe as (steps: number) => void;
  probe(1e6); // tiering up to the optimizing compiler
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    probe(1e6);
    steps += 1e6;
  }
  return (steps * FLOPS_PER_STEP) / ((performance.now() - start) / 1000) / 1e9;
}

/** Measures the peak for about `seconds` per form; null where WebAssembly SIMD does not compile. */
export function measureWasmSimdPeak(seconds = 0.3): WasmSimdPeak | null {
  const mulAdd = rate(false, seconds);
  return mulAdd === null ? null : { mulAdd, relaxedMadd: rate(true, seconds) };
}
