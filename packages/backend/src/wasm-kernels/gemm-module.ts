/**
 * Strata's matrix product for wasm as a WebAssembly SIMD module: the packing
 * passes and the register-blocked tile loop of a GotoBLAS-style product
 * (gemm.ts drives them). Both operands are first packed into the order the
 * tile loop reads them, which also takes care of transposed operands: no
 * transposing copy of a whole matrix, as XNNPACK's product needs, is made.
 *
 * - `pack(src, dst, groups, width, depth, valid, groupStride, depthStride)`:
 *   element (g, k) of a matrix X, at `src + g·groupStride + k·depthStride`
 *   (bytes), goes to `dst[⌊g / width⌋][k][g mod width]`, zeros past `valid`
 *   rows g. A (m × k) is packed in groups of `ROWS` rows; B (k × n) in panels
 *   of 8 columns. Contiguous groups are copied a vector at a time, contiguous
 *   depths by 4×4 transposes; other layouts fall back to a scalar loop.
 *   `width` is a multiple of 4.
 * - `tiles(a, b, c, blocks, panels, depth, aStride, bStride, cRow, mode, bias, relu)`:
 *   for every panel of 8 columns and block of `ROWS` rows, the `ROWS`×8 tile
 *   of C = A·B over `depth` steps, held in 2·ROWS vector registers; the tile
 *   starts at zero (mode 0), at the bias (1) or at C's values (2: a later
 *   slice of the depth), and leaves through max(·, 0) when `relu` is 1. Each
 *   step loads two vectors of B and splats `ROWS` values of A: 16 flops per
 *   load of A, so the loop is bound by the multiply-adds, not by memory.
 *
 * Where the runtime has relaxed SIMD, `f32x4.relaxed_madd` replaces the
 * multiply and the add (one fused instruction where the CPU has FMA); gemm.ts
 * detects it once. The module is about 1.5 KB, below the 4 KB that browsers
 * compile synchronously.
 */
import { addTo, at, f32, F32, get, I32, i32, op, set, V128, v, wasmModule, whileBelow } from './assembler';

/**
 * Rows of A per register tile: 8 accumulators, two B vectors and one A splat.
 * Six rows (15 registers) should fit x64's 16, but V8 then spills: measured
 * 28 GFLOP/s against 41–43 for four rows on W2's shapes (AMD EPYC, Node 20).
 */
export const TILE_ROWS = 4;
/** Columns of B per register tile (two vectors). */
export const TILE_COLUMNS = 8;

/** Packs X's groups; strides in bytes. */
export type PackFn = (src: number, dst: number, groups: number, width: number, depth: number, valid: number, groupStride: number, depthStride: number) => void;

/** The whole product over the depth in slices; pointers and `cRow` in bytes, `bias` 0 for none, `relu` 0 or 1. */
export type ProductFn = (a: number, b: number, c: number, blocks: number, panels: number, depth: number, cRow: number, bias: number, relu: number, slice: number) => void;

// pack's parameters and locals.
function packBody(): number[] {
  const [SRC, DST, GROUPS, WIDTH, DEPTH, VALID, GSTRIDE, KSTRIDE] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [G, GB, KK, W, S, ROWBYTES, DEPTH4, FULL, GSTEP] = [8, 9, 10, 11, 12, 13, 14, 15, 16];
  const VALUE = 17;
  const [V0, V1, V2, V3, T0, T1, T2, T3] = [18, 19, 20, 21, 22, 23, 24, 25];
  const mul = (a: number[], b: number[]) => [...a, ...b, op.i32Mul];
  const add = (a: number[], b: number[]) => [...a, ...b, op.i32Add];
  const storeShuffled = (offset: number[], first: number, second: number, lanes: number[]) => [
    ...add(get(DST), offset), ...get(first), ...get(second), ...v.shuffle32(lanes), ...v.store,
  ];
  // Four rows of the group (w..w+3) at depth KK..KK+3, transposed into four depth-major vectors.
  const transposeQuad = [
    ...add(get(GB), add(mul(get(W), get(GSTRIDE)), mul(get(KK), i32(4)))), ...set(S),
    ...get(S), ...v.load, ...set(V0),
    ...add(get(S), get(GSTRIDE)), ...v.load, ...set(V1),
    ...add(get(S), mul(get(GSTRIDE), i32(2))), ...v.load, ...set(V2),
    ...add(get(S), mul(get(GSTRIDE), i32(3))), ...v.load, ...set(V3),
    ...get(V0), ...get(V1), ...v.shuffle32([0, 4, 1, 5]), ...set(T0),
    ...get(V0), ...get(V1), ...v.shuffle32([2, 6, 3, 7]), ...set(T1),
    ...get(V2), ...get(V3), ...v.shuffle32([0, 4, 1, 5]), ...set(T2),
    ...get(V2), ...get(V3), ...v.shuffle32([2, 6, 3, 7]), ...set(T3),
    ...storeShuffled(mul(get(W), i32(4)), T0, T2, [0, 1, 4, 5]),
    ...storeShuffled(add(get(ROWBYTES), mul(get(W), i32(4))), T0, T2, [2, 3, 6, 7]),
    ...storeShuffled(add(mul(get(ROWBYTES), i32(2)), mul(get(W), i32(4))), T1, T3, [0, 1, 4, 5]),
    ...storeShuffled(add(mul(get(ROWBYTES), i32(3)), mul(get(W), i32(4))), T1, T3, [2, 3, 6, 7]),
    ...addTo(W, i32(4)),
  ];
  // dst = X(g·width + w, kk) where that row exists, else 0 (never read past the matrix).
  const scalarElement = [
    ...f32(0), ...set(VALUE),
    ...add(mul(get(G), get(WIDTH)), get(W)), ...get(VALID), op.i32LtU,
    ...op.if,
    ...add(get(GB), add(mul(get(W), get(GSTRIDE)), mul(get(KK), get(KSTRIDE)))), ...op.f32Load, ...set(VALUE),
    op.end,
    ...get(DST), ...get(VALUE), ...op.f32Store,
    ...addTo(DST, i32(4)),
    ...addTo(W, i32(1)),
  ];
  return [
    ...mul(get(WIDTH), i32(4)), ...set(ROWBYTES),
    ...mul(get(WIDTH), get(GSTRIDE)), ...set(GSTEP),
    ...get(DEPTH), ...i32(-4), op.i32And, ...set(DEPTH4),
    ...get(SRC), ...set(GB),
    ...whileBelow(G, GROUPS, [
      // full: (g + 1)·width <= valid
      ...add(get(G), i32(1)), ...get(WIDTH), op.i32Mul, ...get(VALID), op.i32LeU, ...set(FULL),
      ...i32(0), ...set(KK),
      ...get(FULL), ...get(GSTRIDE), ...i32(4), op.i32Eq, op.i32And,
      ...op.if,
      // A group's rows are contiguous: copy each depth step's width values as vectors.
      ...get(GB), ...set(S),
      ...whileBelow(KK, DEPTH, [
        ...i32(0), ...set(W),
        ...whileBelow(W, ROWBYTES, [
          ...add(get(DST), get(W)), ...add(get(S), get(W)), ...v.load, ...v.store,
          ...addTo(W, i32(16)),
        ]),
        ...addTo(DST, get(ROWBYTES)),
        ...addTo(S, get(KSTRIDE)),
        ...addTo(KK, i32(1)),
      ]),
      op.else,
      ...get(FULL), ...get(KSTRIDE), ...i32(4), op.i32Eq, op.i32And,
      ...op.if,
      // The depth is contiguous: 4×4 transposes, then the last depth steps one value at a time.
      ...whileBelow(KK, DEPTH4, [
        ...i32(0), ...set(W),
        ...whileBelow(W, WIDTH, transposeQuad),
        ...addTo(DST, mul(get(ROWBYTES), i32(4))),
        ...addTo(KK, i32(4)),
      ]),
      op.end,
      // What is left (or everything, for other layouts and partial groups): one value at a time.
      ...whileBelow(KK, DEPTH, [
        ...i32(0), ...set(W),
        ...whileBelow(W, WIDTH, scalarElement),
        ...addTo(KK, i32(1)),
      ]),
      op.end,
      ...addTo(GB, get(GSTEP)),
      ...addTo(G, i32(1)),
    ]),
    op.end,
  ];
}

function tilesBody(rows: number, relaxed: boolean): number[] {
  const [AP, BP, C, BLOCKS, PANELS, DEPTH, ASTRIDE, BSTRIDE, CROW, MODE, BIAS, RELU] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [P, BLK, A, B, AEND, CP, ROWP, BPAN, APAN, CPAN] = [12, 13, 14, 15, 16, 17, 18, 19, 20, 21];
  const V = 22;
  const acc = (r: number, half: number) => V + 2 * r + half;
  const [VA, VB0, VB1, FLOOR] = [V + 2 * rows, V + 2 * rows + 1, V + 2 * rows + 2, V + 2 * rows + 3];
  const aStep = rows * 4;
  const forRows = (body: (r: number) => number[]) => Array.from({ length: rows }, (_, r) => body(r)).flat();
  const madd = (a: number, b: number, accumulator: number) =>
    relaxed
      ? [...get(a), ...get(b), ...get(accumulator), ...v.relaxedMaddF32, ...set(accumulator)]
      : [...get(a), ...get(b), ...v.mulF32, ...get(accumulator), ...v.addF32, ...set(accumulator)];
  // One depth step: two vectors of B, then each row's splat of A times both.
  const step = [
    ...get(B), ...v.load, ...set(VB0),
    ...get(B), ...at(v.load, 16), ...set(VB1),
    ...forRows((r) => [...get(A), ...at(v.load32Splat, 4 * r), ...set(VA), ...madd(VA, VB0, acc(r, 0)), ...madd(VA, VB1, acc(r, 1))]),
  ];
  const forTileRows = (body: (r: number) => number[]) => [...get(CP), ...set(ROWP), ...forRows((r) => [...body(r), ...addTo(ROWP, get(CROW))])];
  const initialize = [
    ...get(MODE), op.i32Eqz,
    ...op.if,
    ...forRows((r) => [...f32(0), ...v.splatF32, ...set(acc(r, 0)), ...f32(0), ...v.splatF32, ...set(acc(r, 1))]),
    op.else,
    ...get(MODE), ...i32(1), op.i32Eq,
    ...op.if,
    ...forRows((r) => [...get(BIAS), ...get(P), ...i32(32), op.i32Mul, op.i32Add, ...set(ROWP), ...get(ROWP), ...v.load, ...set(acc(r, 0)), ...get(ROWP), ...at(v.load, 16), ...set(acc(r, 1))]),
    op.else,
    ...forTileRows((r) => [...get(ROWP), ...v.load, ...set(acc(r, 0)), ...get(ROWP), ...at(v.load, 16), ...set(acc(r, 1))]),
    op.end,
    op.end,
  ];
  const store = forTileRows((r) => [
    ...get(ROWP), ...get(acc(r, 0)), ...get(FLOOR), ...v.maxF32, ...v.store,
    ...get(ROWP), ...get(acc(r, 1)), ...get(FLOOR), ...v.maxF32, ...at(v.store, 16),
  ]);
  return [
    // relu: max(·, 0); otherwise max(·, −∞), which keeps every value (NaN too).
    ...f32(Number.NEGATIVE_INFINITY), ...v.splatF32, ...set(FLOOR),
    ...get(RELU), ...op.if, ...f32(0), ...v.splatF32, ...set(FLOOR), op.end,
    ...get(BP), ...set(BPAN),
    ...get(C), ...set(CPAN),
    ...whileBelow(P, PANELS, [
      ...i32(0), ...set(BLK),
      ...get(AP), ...set(APAN),
      ...get(CPAN), ...set(CP),
      ...whileBelow(BLK, BLOCKS, [
        ...initialize,
        ...get(APAN), ...set(A),
        ...get(BPAN), ...set(B),
        ...get(A), ...get(DEPTH), ...i32(aStep), op.i32Mul, op.i32Add, ...set(AEND),
        // One depth step per iteration: unrolling it twice measured 30 against 43 GFLOP/s (V8 then keeps fewer values in registers).
        ...whileBelow(A, AEND, [...step, ...addTo(A, i32(aStep)), ...addTo(B, i32(32))]),
        ...store,
        ...addTo(CP, [...get(CROW), ...i32(rows), op.i32Mul]),
        ...addTo(APAN, get(ASTRIDE)),
        ...addTo(BLK, i32(1)),
      ]),
      ...addTo(BPAN, get(BSTRIDE)),
      ...addTo(CPAN, i32(32)),
      ...addTo(P, i32(1)),
    ]),
    op.end,
  ];
}

// product's parameters and locals; it calls tiles (function 1) once per slice of the depth.
function productBody(rows: number): number[] {
  const [A, B, C, BLOCKS, PANELS, DEPTH, CROW, BIAS, RELU, SLICE] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [START, N, REST] = [10, 11, 12];
  return [
    ...op.loop,
    // n = min(slice, depth − start)
    ...get(DEPTH), ...get(START), op.i32Sub, ...set(REST),
    ...get(SLICE), ...get(REST), ...get(SLICE), ...get(REST), op.i32LtU, op.select, ...set(N),
    ...get(A), ...get(START), ...i32(rows * 4), op.i32Mul, op.i32Add,
    ...get(B), ...get(START), ...i32(32), op.i32Mul, op.i32Add,
    ...get(C), ...get(BLOCKS), ...get(PANELS), ...get(N),
    ...get(DEPTH), ...i32(rows * 4), op.i32Mul,
    ...get(DEPTH), ...i32(32), op.i32Mul,
    ...get(CROW),
    // mode: 2 (add to C) after the first slice, else 1 with a bias, 0 without
    ...i32(2), ...get(BIAS), ...i32(0), op.i32GtU, ...get(START), ...i32(0), op.i32GtU, op.select,
    ...get(BIAS),
    // relu on the last slice only
    ...get(RELU), ...get(START), ...get(N), op.i32Add, ...get(DEPTH), op.i32GeU, op.i32And,
    op.call, 1,
    ...addTo(START, get(N)),
    ...get(START), ...get(DEPTH), op.i32LtU, op.brIf, 0,
    op.end,
    op.end,
  ];
}

/**
 * The module's bytes: `pack`, `tiles` with `rows`-row tiles (the multiply-add
 * relaxed or not), and `product(a, b, c, blocks, panels, depth, cRow, bias, relu, slice)`,
 * which runs the tiles over the depth in slices of `slice` steps (bias 0: none).
 * `shared`: for the threaded build's shared memory.
 */
export function gemmModuleBytes(relaxed: boolean, shared = false): Uint8Array<ArrayBuffer> {
  const rows = TILE_ROWS;
  const i32s = (count: number) => new Array<number>(count).fill(I32);
  return wasmModule(
    [
      { name: 'pack', params: i32s(8), results: [], locals: [[9, I32], [1, F32], [8, V128]], body: packBody() },
      { name: 'tiles', params: i32s(12), results: [], locals: [[10, I32], [2 * rows + 4, V128]], body: tilesBody(rows, relaxed) },
      { name: 'product', params: i32s(10), results: [], locals: [[3, I32]], body: productBody(rows) },
    ],
    shared,
  );
}
