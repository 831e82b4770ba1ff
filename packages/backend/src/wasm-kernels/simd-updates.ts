/**
 * Adam's update without amsgrad and plain RMSprop's (update-loops.ts) as
 * WebAssembly SIMD functions that work on the wasm backend's own memory, two
 * elements at a time: each float32 is widened to float64
 * (`f64x2.promote_low_f32x4`), the element's arithmetic is the JS loop's, in
 * float64, in the same order, and the results are rounded once to float32
 * (`f32x4.demote_f64x2_zero`), so they compute exactly what the JS loops
 * compute, about 3× faster than V8's scalar code. The module is a few hundred
 * bytes built here, no file to fetch; where SIMD or the backend's memory is
 * unavailable the caller uses the JS loops.
 */
import { F64, get, I32, instantiateOnMemory, op, set, V128, v, wasmModule } from './assembler';

/** Pointers are byte offsets in the memory; `byteLength` (8 per pair of elements) covers whole pairs only. */
export type AdamSimd = (w: number, out: number, g: number, m: number, v: number, byteLength: number, a: number, c1: number, c2: number, eps: number) => void;
/** Plain RMSprop (not centered, no momentum); arguments as `AdamSimd`'s. */
export type RmspropSimd = (w: number, out: number, g: number, v: number, byteLength: number, lr: number, rho: number, oneMinusRho: number, eps: number) => void;

// Adam's parameters: 0..5 i32 (w, out, g, m, v, byteLength), 6..9 f64 (a, c1, c2, eps).
const [W, OUT, G, M, V, END, A, C1, C2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
// Adam's locals: 10 the byte offset (i32), then v128s.
const I = 10;
const [VA, VC1, VC2, VEPS, VG, VM, VV, MI, VI] = [11, 12, 13, 14, 15, 16, 17, 18, 19];

/** Widened pair at `base + i` (`i` the local at `offset`). */
const load = (base: number, offset = I) => [...get(base), ...get(offset), op.i32Add, ...v.load64Zero, ...v.promoteF32];
const splats = (params: number[], firstLocal: number) => params.flatMap((p, k) => [...get(p), ...v.splatF64, ...set(firstLocal + k)]);
/** `block { loop { if i >= end break; ...body; i += 8; continue } }`. */
const pairs = (offset: number, byteLength: number, loopBody: number[]) => [
  ...op.block,
  ...op.loop,
  ...get(offset), ...get(byteLength), op.i32GeU, op.brIf, 1,
  ...loopBody,
  ...get(offset), op.i32Const, 8, op.i32Add, ...set(offset),
  op.br, 0,
  op.end,
  op.end,
];

function adamBody(): number[] {
  return [
    ...splats([A, C1, C2, EPS], VA),
    ...pairs(I, END, [
      ...load(G), ...set(VG),
      ...load(M), ...set(VM),
      ...load(V), ...set(VV),
      // mi = m + (g - m)·c1; vi = v + (g·g - v)·c2
      ...get(VM), ...get(VG), ...get(VM), ...v.subF64, ...get(VC1), ...v.mulF64, ...v.addF64, ...set(MI),
      ...get(VV), ...get(VG), ...get(VG), ...v.mulF64, ...get(VV), ...v.subF64, ...get(VC2), ...v.mulF64, ...v.addF64, ...set(VI),
      ...get(M), ...get(I), op.i32Add, ...get(MI), ...v.demoteF64, ...v.store64Lane0,
      ...get(V), ...get(I), op.i32Add, ...get(VI), ...v.demoteF64, ...v.store64Lane0,
      // out = w - (mi·a) / (sqrt(vi) + eps)
      ...get(OUT), ...get(I), op.i32Add,
      ...load(W), ...get(MI), ...get(VA), ...v.mulF64, ...get(VI), ...v.sqrtF64, ...get(VEPS), ...v.addF64, ...v.divF64, ...v.subF64,
      ...v.demoteF64, ...v.store64Lane0,
    ]),
    op.end,
  ];
}

// RMSprop's parameters: 0..4 i32 (w, out, g, v, byteLength), 5..8 f64 (lr, rho, oneMinusRho, eps).
const [RW, ROUT, RG, RV, REND, RLR, RR, RC, REPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
// RMSprop's locals: 9 the byte offset (i32), then v128s.
const RI = 9;
const [VLR, VR, VC, VREPS, RVG, RVI] = [10, 11, 12, 13, 14, 15];

/** Plain RMSprop (not centered, no momentum): `vi = v·rho + g·g·(1-rho)`, `out = w - (g·lr) / sqrt(vi + eps)`. */
function rmspropBody(): number[] {
  return [
    ...splats([RLR, RR, RC, REPS], VLR),
    ...pairs(RI, REND, [
      ...load(RG, RI), ...set(RVG),
      ...load(RV, RI), ...get(VR), ...v.mulF64, ...get(RVG), ...get(RVG), ...v.mulF64, ...get(VC), ...v.mulF64, ...v.addF64, ...set(RVI),
      ...get(RV), ...get(RI), op.i32Add, ...get(RVI), ...v.demoteF64, ...v.store64Lane0,
      ...get(ROUT), ...get(RI), op.i32Add,
      ...load(RW, RI), ...get(RVG), ...get(VLR), ...v.mulF64, ...get(RVI), ...get(VREPS), ...v.addF64, ...v.sqrtF64, ...v.divF64, ...v.subF64,
      ...v.demoteF64, ...v.store64Lane0,
    ]),
    op.end,
  ];
}

/** The module's bytes (a few hundred; a test keeps them under the 4 KB that browsers compile synchronously). */
export function moduleBytes(shared = false): Uint8Array<ArrayBuffer> {
  const pointers = (count: number) => new Array<number>(count).fill(I32);
  const scalars = [F64, F64, F64, F64];
  return wasmModule([
    { name: 'adam', params: [...pointers(6), ...scalars], results: [], locals: [[1, I32], [9, V128]], body: adamBody() },
    { name: 'rmsprop', params: [...pointers(5), ...scalars], results: [], locals: [[1, I32], [6, V128]], body: rmspropBody() },
  ], shared);
}

export interface SimdUpdates {
  adam: AdamSimd;
  rmsprop: RmspropSimd;
}

const instances = new WeakMap<WebAssembly.Memory, SimdUpdates | null>();

/** The SIMD updates bound to `memory` (shared or not), or null where WebAssembly SIMD is unavailable. */
export function simdUpdatesFor(memory: WebAssembly.Memory): SimdUpdates | null {
  const known = instances.get(memory);
  if (known !== undefined) return known;
  const exports = instantiateOnMemory(moduleBytes, memory);
  const updates: SimdUpdates | null = exports === null ? null : { adam: exports.adam as AdamSimd, rmsprop: exports.rmsprop as RmspropSimd };
  instances.set(memory, updates);
  return updates;
}
