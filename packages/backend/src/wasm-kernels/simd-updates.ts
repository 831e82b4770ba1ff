/**
 * Adam's update without amsgrad and plain RMSprop's as WebAssembly SIMD
 * functions that work on the wasm backend's own memory, four float32 elements
 * at a time. Every operation rounds to float32, in the op order of adam.ts and
 * rmsprop.ts, so the results are bit for bit those of the optimizers' op chain
 * and of Keras's own float32 update (sub, mul, add, sqrt and div are correctly
 * rounded in IEEE float32 everywhere). The JS loops (update-loops.ts) keep
 * float64 intermediates and differ from both by a few ulps at most. Four lanes of
 * float32 sqrt and div cost about a quarter of the two float64 lanes this module
 * used before (Adam took a fifth of W1's step). The module is a few hundred
 * bytes built here, no file to fetch; where SIMD or the backend's memory is
 * unavailable the caller uses the JS loops.
 */
import { F32, get, I32, instantiateOnMemory, op, set, V128, v, wasmModule } from './assembler';

/** Pointers are byte offsets in the memory; `byteLength` (16 per four elements) covers whole quads only. */
export type AdamSimd = (w: number, out: number, g: number, m: number, v: number, byteLength: number, a: number, c1: number, c2: number, eps: number) => void;
/** Plain RMSprop (not centered, no momentum); arguments as `AdamSimd`'s. */
export type RmspropSimd = (w: number, out: number, g: number, v: number, byteLength: number, lr: number, rho: number, oneMinusRho: number, eps: number) => void;

// Adam's parameters: 0..5 i32 (w, out, g, m, v, byteLength), 6..9 f32 (a, c1, c2, eps).
const [W, OUT, G, M, V, END, A, C1, C2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
// Adam's locals: 10 the byte offset (i32), then v128s.
const I = 10;
const [VA, VC1, VC2, VEPS, VG, VM, VV, MI, VI] = [11, 12, 13, 14, 15, 16, 17, 18, 19];

/** Four float32 at `base + i` (`i` the local at `offset`). */
const load = (base: number, offset = I) => [...get(base), ...get(offset), op.i32Add, ...v.load];
/** Address `base + i` for a store that follows the value. */
const address = (base: number, offset = I) => [...get(base), ...get(offset), op.i32Add];
const splats = (params: number[], firstLocal: number) => params.flatMap((p, k) => [...get(p), ...v.splatF32, ...set(firstLocal + k)]);
/** `block { loop { if i >= end break; ...body; i += 16; continue } }`. */
const quads = (offset: number, byteLength: number, loopBody: number[]) => [
  ...op.block,
  ...op.loop,
  ...get(offset), ...get(byteLength), op.i32GeU, op.brIf, 1,
  ...loopBody,
  ...get(offset), op.i32Const, 16, op.i32Add, ...set(offset),
  op.br, 0,
  op.end,
  op.end,
];

function adamBody(): number[] {
  return [
    ...splats([A, C1, C2, EPS], VA),
    ...quads(I, END, [
      ...load(G), ...set(VG),
      ...load(M), ...set(VM),
      ...load(V), ...set(VV),
      // mi = m + (g - m)·c1; vi = v + (g·g - v)·c2
      ...get(VM), ...get(VG), ...get(VM), ...v.subF32, ...get(VC1), ...v.mulF32, ...v.addF32, ...set(MI),
      ...get(VV), ...get(VG), ...get(VG), ...v.mulF32, ...get(VV), ...v.subF32, ...get(VC2), ...v.mulF32, ...v.addF32, ...set(VI),
      ...address(M), ...get(MI), ...v.store,
      ...address(V), ...get(VI), ...v.store,
      // out = w - (mi·a) / (sqrt(vi) + eps)
      ...address(OUT),
      ...load(W), ...get(MI), ...get(VA), ...v.mulF32, ...get(VI), ...v.sqrtF32, ...get(VEPS), ...v.addF32, ...v.divF32, ...v.subF32,
      ...v.store,
    ]),
    op.end,
  ];
}

// RMSprop's parameters: 0..4 i32 (w, out, g, v, byteLength), 5..8 f32 (lr, rho, oneMinusRho, eps).
const [RW, ROUT, RG, RV, REND, RLR, RR, RC, REPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
// RMSprop's locals: 9 the byte offset (i32), then v128s.
const RI = 9;
const [VLR, VR, VC, VREPS, RVG, RVI] = [10, 11, 12, 13, 14, 15];

/** Plain RMSprop (not centered, no momentum): `vi = v·rho + (g·g)·(1-rho)`, `out = w - (g·lr) / sqrt(vi + eps)`. */
function rmspropBody(): number[] {
  return [
    ...splats([RLR, RR, RC, REPS], VLR),
    ...quads(RI, REND, [
      ...load(RG, RI), ...set(RVG),
      ...load(RV, RI), ...get(VR), ...v.mulF32, ...get(RVG), ...get(RVG), ...v.mulF32, ...get(VC), ...v.mulF32, ...v.addF32, ...set(RVI),
      ...address(RV, RI), ...get(RVI), ...v.store,
      ...address(ROUT, RI),
      ...load(RW, RI), ...get(RVG), ...get(VLR), ...v.mulF32, ...get(RVI), ...get(VREPS), ...v.addF32, ...v.sqrtF32, ...v.divF32, ...v.subF32,
      ...v.store,
    ]),
    op.end,
  ];
}

/** The module's bytes (a few hundred; a test keeps them under the 4 KB that browsers compile synchronously). */
export function moduleBytes(shared = false): Uint8Array<ArrayBuffer> {
  const pointers = (count: number) => new Array<number>(count).fill(I32);
  const scalars = [F32, F32, F32, F32];
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
