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

/** Pointers are byte offsets in the memory; `byteLength` (8 per pair of elements) covers whole pairs only. */
export type AdamSimd = (w: number, out: number, g: number, m: number, v: number, byteLength: number, a: number, c1: number, c2: number, eps: number) => void;
/** Plain RMSprop (not centered, no momentum); arguments as `AdamSimd`'s. */
export type RmspropSimd = (w: number, out: number, g: number, v: number, byteLength: number, lr: number, rho: number, oneMinusRho: number, eps: number) => void;

const SIMD = 0xfd;
const op = {
  localGet: 0x20,
  localSet: 0x21,
  i32Add: 0x6a,
  i32GeU: 0x4f,
  i32Const: 0x41,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
};
const simd = {
  load64Zero: [SIMD, 0x5d, 0, 0],
  store64Lane0: [SIMD, 0x5b, 0, 0, 0],
  splat: [SIMD, 0x14],
  demote: [SIMD, 0x5e],
  promote: [SIMD, 0x5f],
  sqrt: [SIMD, 0xef, 0x01],
  add: [SIMD, 0xf0, 0x01],
  sub: [SIMD, 0xf1, 0x01],
  mul: [SIMD, 0xf2, 0x01],
  div: [SIMD, 0xf3, 0x01],
};

// Adam's parameters: 0..5 i32 (w, out, g, m, v, byteLength), 6..9 f64 (a, c1, c2, eps).
const [W, OUT, G, M, V, END, A, C1, C2, EPS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
// Adam's locals: 10 the byte offset (i32), then v128s.
const I = 10;
const [VA, VC1, VC2, VEPS, VG, VM, VV, MI, VI] = [11, 12, 13, 14, 15, 16, 17, 18, 19];

const get = (index: number) => [op.localGet, index];
const set = (index: number) => [op.localSet, index];
/** Widened pair at `base + i` (`i` the local at `offset`). */
const load = (base: number, offset = I) => [...get(base), ...get(offset), op.i32Add, ...simd.load64Zero, ...simd.promote];
const splats = (params: number[], firstLocal: number) => params.flatMap((p, k) => [...get(p), ...simd.splat, ...set(firstLocal + k)]);
/** `block { loop { if i >= end break; ...body; i += 8; continue } }`. */
const pairs = (offset: number, byteLength: number, loopBody: number[]) => [
  op.block, 0x40,
  op.loop, 0x40,
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
      ...get(VM), ...get(VG), ...get(VM), ...simd.sub, ...get(VC1), ...simd.mul, ...simd.add, ...set(MI),
      ...get(VV), ...get(VG), ...get(VG), ...simd.mul, ...get(VV), ...simd.sub, ...get(VC2), ...simd.mul, ...simd.add, ...set(VI),
      ...get(M), ...get(I), op.i32Add, ...get(MI), ...simd.demote, ...simd.store64Lane0,
      ...get(V), ...get(I), op.i32Add, ...get(VI), ...simd.demote, ...simd.store64Lane0,
      // out = w - (mi·a) / (sqrt(vi) + eps)
      ...get(OUT), ...get(I), op.i32Add,
      ...load(W), ...get(MI), ...get(VA), ...simd.mul, ...get(VI), ...simd.sqrt, ...get(VEPS), ...simd.add, ...simd.div, ...simd.sub,
      ...simd.demote, ...simd.store64Lane0,
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
      ...load(RV, RI), ...get(VR), ...simd.mul, ...get(RVG), ...get(RVG), ...simd.mul, ...get(VC), ...simd.mul, ...simd.add, ...set(RVI),
      ...get(RV), ...get(RI), op.i32Add, ...get(RVI), ...simd.demote, ...simd.store64Lane0,
      ...get(ROUT), ...get(RI), op.i32Add,
      ...load(RW, RI), ...get(RVG), ...get(VLR), ...simd.mul, ...get(RVI), ...get(VREPS), ...simd.add, ...simd.sqrt, ...simd.div, ...simd.sub,
      ...simd.demote, ...simd.store64Lane0,
    ]),
    op.end,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

const name = (text: string) => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];

function moduleBytes(): BufferSource {
  const I32 = 0x7f;
  const F64 = 0x7c;
  const V128 = 0x7b;
  // Locals: 1 i32, then v128s.
  const adam = [2, 1, I32, 9, V128, ...adamBody()];
  const rmsprop = [2, 1, I32, 6, V128, ...rmspropBody()];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [2, 0x60, 10, I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, 0, 0x60, 9, I32, I32, I32, I32, I32, F64, F64, F64, F64, 0]),
    // The memory is imported with no minimum or maximum, so any heap size fits.
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]),
    ...section(3, [2, 0, 1]),
    ...section(7, [2, ...name('adam'), 0x00, 0, ...name('rmsprop'), 0x00, 1]),
    ...section(10, [2, ...leb(adam.length), ...adam, ...leb(rmsprop.length), ...rmsprop]),
  ]);
}

export interface SimdUpdates {
  adam: AdamSimd;
  rmsprop: RmspropSimd;
}

const instances = new WeakMap<WebAssembly.Memory, SimdUpdates | null>();

/** The SIMD updates bound to `memory`, or null where WebAssembly SIMD is unavailable or the memory is shared. */
export function simdUpdatesFor(memory: WebAssembly.Memory): SimdUpdates | null {
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let updates: SimdUpdates | null = null;
  try {
    const bytes = moduleBytes();
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes) && !(typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer)) {
      const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      updates = { adam: exports.adam as AdamSimd, rmsprop: exports.rmsprop as RmspropSimd };
    }
  } catch {
    updates = null;
  }
  instances.set(memory, updates);
  return updates;
}
