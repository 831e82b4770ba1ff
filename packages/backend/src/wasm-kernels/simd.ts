/**
 * Two training kernels as WebAssembly SIMD functions that work on the wasm
 * backend's own memory, four float32 lanes at a time. On this machine's V8,
 * the same loops in JS ran 5 to 10× slower: every element took a data-dependent
 * branch (is it positive? is it the window's maximum?) that the CPU mispredicts
 * half the time on real activations, where SIMD compares and masks instead.
 * - `reluBiasGrad`: `dz = dy · (y > 0)` and the per-channel sums of dz (the
 *   bias gradient), for relu layers' backward pass;
 * - `maxPoolRow`: MaxPoolGrad of one row of 2×2 windows that tile the input,
 *   the gradient going to each window's first maximum;
 * - `im2colBlock`: four channels of one filter tap of im2col's 'tap-channel'
 *   patch matrix (the filter gradient's left operand), 4×4 transposes from the
 *   NHWC input; in JS each element was a strided scalar copy;
 * - `row2imTap`: one filter tap of row2im (the input gradient's scatter-add
 *   of dy·Wᵀ back into the image), four channels per vector;
 * - `copyRows`: im2col's rows for a one-channel input at stride 1 (the first
 *   layer of an MNIST CNN), where each patch row is a run of contiguous pixels;
 * - `gatherChunks`: im2col straight into the product's packed layout, 16
 *   bytes (four channels of one filter tap) per output pixel; no transposes.
 * The module is a few hundred bytes built here, no file to fetch. Where SIMD
 * or the memory is unavailable callers use other paths.
 */
import { wasmMemoryOf } from '../host-backend';
import { addTo, f32, get, I32, i32, instantiateOnMemory, op, set, sum, V128, v, wasmModule, whileBelow } from './assembler';

/**
 * Pointers are byte offsets in the memory. `end` is the byte offset one past
 * dy's last element; `channelBytes` is 4 × the channel count, a multiple of 16.
 * `sums` must start at zero: they are added to.
 */
export type ReluBiasGradSimd = (dy: number, y: number, dz: number, sums: number, end: number, channelBytes: number) => void;

/**
 * One row of 2×2 windows: `top` is the first cell of the first window,
 * `rowBytes` the distance to the row below, `delta` the distance from x to dx
 * (same layout), `dy` the row's first gradient, `windows` the count.
 * Returns 1 when a window's maximum was NaN or −∞: the caller must then use
 * the exact scalar path (tfjs skips NaN cells and gives −∞ windows nothing).
 */
export type MaxPoolRowSimd = (top: number, rowBytes: number, delta: number, dy: number, windows: number, channelBytes: number) => number;

/**
 * Copies, for four consecutive channels of one filter tap, the input value of
 * every output pixel in a rectangle of `rows` × `columns` output pixels per
 * image into four patch rows. `src`: the first pixel's first channel in x;
 * `dst`: its place in the first patch row. Byte strides: `srcImage`/`dstImage`
 * between images, `srcRow`/`dstRow` between output rows, `srcColumn` between
 * output columns in x (4 in the patches), `patchRow` between patch rows.
 */
export type Im2colBlockSimd = (
  src: number,
  dst: number,
  images: number,
  rows: number,
  columns: number,
  srcImage: number,
  srcRow: number,
  srcColumn: number,
  dstImage: number,
  dstRow: number,
  patchRow: number,
) => void;

/**
 * Adds, for one filter tap, the `channelBytes / 4` values of every output pixel
 * in a rectangle of `rows` × `columns` per image from the patch rows into the
 * image cells they came from. `src`: the first pixel's values for this tap;
 * `dst`: the image cell they belong to. Byte strides as `Im2colBlockSimd`'s,
 * with `dstColumn` between the cells of consecutive output columns.
 */
export type Row2imTapSimd = (
  src: number,
  dst: number,
  images: number,
  rows: number,
  columns: number,
  channelBytes: number,
  srcImage: number,
  srcRow: number,
  srcColumn: number,
  dstImage: number,
  dstRow: number,
  dstColumn: number,
) => void;

/**
 * Copies `columns` contiguous float32 values for each of `rows` rows of each
 * of `images` images; byte strides as `Im2colBlockSimd`'s.
 */
export type CopyRowsSimd = (
  src: number,
  dst: number,
  images: number,
  rows: number,
  columns: number,
  srcImage: number,
  srcRow: number,
  dstImage: number,
  dstRow: number,
) => void;

/**
 * Copies 16 bytes for each output pixel in a rectangle of `rows` × `columns`
 * per image, to consecutive 16-byte slots: the four channels of one filter tap
 * of every pixel, which is one block of the product's packed left operand.
 * Its parameters are `Im2colBlockSimd`'s but `patchRow` (16 bytes between the slots of consecutive columns).
 */
export type GatherChunksSimd = (...args: WithoutLast<Parameters<Im2colBlockSimd>>) => void;

/** A parameter list without its last parameter (gatherChunks takes im2colBlock's but `patchRow`). */
type WithoutLast<T extends unknown[]> = T extends [...infer Head, unknown] ? Head : never;

export interface SimdKernels {
  reluBiasGrad: ReluBiasGradSimd;
  maxPoolRow: MaxPoolRowSimd;
  im2colBlock: Im2colBlockSimd;
  row2imTap: Row2imTapSimd;
  copyRows: CopyRowsSimd;
  gatherChunks: GatherChunksSimd;
}

// reluBiasGrad(dy, y, dz, sums, end, channelBytes); locals: offset, c, address (i32), one, value (v128).
function reluBiasGradBody(): number[] {
  const [DY, Y, DZ, SUMS, END, CB] = [0, 1, 2, 3, 4, 5];
  const [OFFSET, C, ADDRESS, ONE, VALUE] = [6, 7, 8, 9, 10];
  const at = (base: number) => sum(base, ADDRESS);
  return [
    ...f32(1), ...v.splatF32, ...set(ONE),
    ...get(DY), ...set(OFFSET),
    ...whileBelow(OFFSET, END, [
      ...i32(0), ...set(C),
      ...whileBelow(C, CB, [
        // address: the element's offset from dy's start
        ...get(OFFSET), ...get(DY), op.i32Sub, ...get(C), op.i32Add, ...set(ADDRESS),
        // value = dy · ((y > 0) & 1.0), as tfjs's mul(dy, step(y)): −0 and NaN where it gives them
        ...at(DY), ...v.load,
        ...at(Y), ...v.load, ...f32(0), ...v.splatF32, ...v.gt, ...get(ONE), ...v.and,
        ...v.mulF32, ...set(VALUE),
        ...at(DZ), ...get(VALUE), ...v.store,
        ...sum(SUMS, C), ...sum(SUMS, C), ...v.load, ...get(VALUE), ...v.addF32, ...v.store,
        ...addTo(C, i32(16)),
      ]),
      ...addTo(OFFSET, get(CB)),
    ]),
    op.end,
  ];
}

// maxPoolRow(top, rowBytes, delta, dy, windows, channelBytes) -> i32;
// locals: w, c, p (i32), a, b, c', d, m, e0, e1, e2, taken, g, bad (v128).
function maxPoolRowBody(): number[] {
  const [TOP, ROW, DELTA, DY, WINDOWS, CB] = [0, 1, 2, 3, 4, 5];
  const [W, C, P] = [6, 7, 8];
  const [A, B, CC, D, M, E0, E1, E2, TAKEN, G, BAD] = [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
  const cell = (right: boolean, below: boolean) => [...get(P), ...(right ? [...get(CB), op.i32Add] : []), ...(below ? [...get(ROW), op.i32Add] : [])];
  const load = (right: boolean, below: boolean, into: number) => [...cell(right, below), ...v.load, ...set(into)];
  const store = (right: boolean, below: boolean, mask: number[]) => [...cell(right, below), ...get(DELTA), op.i32Add, ...get(G), ...mask, ...v.and, ...v.store];
  return [
    ...whileBelow(W, WINDOWS, [
      ...i32(0), ...set(C),
      ...whileBelow(C, CB, [
        ...sum(TOP, C), ...set(P),
        ...load(false, false, A), ...load(true, false, B), ...load(false, true, CC), ...load(true, true, D),
        ...get(A), ...get(B), ...v.maxF32, ...get(CC), ...get(D), ...v.maxF32, ...v.maxF32, ...set(M),
        // bad |= (m != m) | (m == −∞)
        ...get(BAD), ...get(M), ...get(M), ...v.ne, ...get(M), ...f32(Number.NEGATIVE_INFINITY), ...v.splatF32, ...v.eq, ...v.or, ...v.or, ...set(BAD),
        ...get(DY), ...v.load, ...set(G),
        // The first cell equal to the maximum, in row order, takes the gradient.
        ...get(A), ...get(M), ...v.eq, ...set(E0),
        ...get(B), ...get(M), ...v.eq, ...get(E0), ...v.andNot, ...set(E1),
        ...get(E0), ...get(E1), ...v.or, ...set(TAKEN),
        ...get(CC), ...get(M), ...v.eq, ...get(TAKEN), ...v.andNot, ...set(E2),
        ...get(TAKEN), ...get(E2), ...v.or, ...set(TAKEN),
        ...store(false, false, get(E0)),
        ...store(true, false, get(E1)),
        ...store(false, true, get(E2)),
        ...store(true, true, [...get(D), ...get(M), ...v.eq, ...get(TAKEN), ...v.andNot]),
        ...addTo(DY, i32(16)),
        ...addTo(C, i32(16)),
      ]),
      ...addTo(TOP, [...get(CB), ...get(CB), op.i32Add]),
      ...addTo(W, i32(1)),
    ]),
    ...get(BAD), ...v.anyTrue,
    op.end,
  ];
}

/** Local indices of the loops over images and output rows that im2colBlock and row2imTap share. */
interface RowLoopLocals {
  src: number;
  dst: number;
  images: number;
  rows: number;
  srcImage: number;
  srcRow: number;
  dstImage: number;
  dstRow: number;
  b: number;
  y: number;
  x: number;
  srcRowStart: number;
  dstRowStart: number;
  /** Cursors set to the row's first pixel before `rowBody`. */
  s: number;
  d: number;
}

/** For each image, for each output row: the cursors at the row's start, x = 0, then `rowBody`. */
function overImagesAndRows(l: RowLoopLocals, rowBody: number[]): number[] {
  return [
    ...whileBelow(l.b, l.images, [
      ...get(l.src), ...set(l.srcRowStart), ...get(l.dst), ...set(l.dstRowStart),
      ...i32(0), ...set(l.y),
      ...whileBelow(l.y, l.rows, [
        ...get(l.srcRowStart), ...set(l.s), ...get(l.dstRowStart), ...set(l.d),
        ...i32(0), ...set(l.x),
        ...rowBody,
        ...addTo(l.srcRowStart, get(l.srcRow)),
        ...addTo(l.dstRowStart, get(l.dstRow)),
        ...addTo(l.y, i32(1)),
      ]),
      ...addTo(l.src, get(l.srcImage)),
      ...addTo(l.dst, get(l.dstImage)),
      ...addTo(l.b, i32(1)),
    ]),
  ];
}

// im2colBlock(src, dst, images, rows, columns, srcImage, srcRow, srcColumn, dstImage, dstRow, patchRow);
// locals: b, y, x, s, d, srcRowStart, dstRowStart, full, column2, column3, patch2, patch3 (i32); a, b', c, d', t0..t3 (v128).
function im2colBlockBody(): number[] {
  const [SRC, DST, IMAGES, ROWS, COLUMNS, SRC_IMAGE, SRC_ROW, SRC_COLUMN, DST_IMAGE, DST_ROW, PATCH_ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [B, Y, X, S, D, SRC_ROW_START, DST_ROW_START, FULL, COLUMN2, COLUMN3, PATCH2, PATCH3] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  const [VA, VB, VC, VD, T0, T1, T2, T3] = [23, 24, 25, 26, 27, 28, 29, 30];
  const times = (local: number, factor: number, into: number) => [...get(local), ...i32(factor), op.i32Mul, ...set(into)];
  const at = (base: number, offset: number | null) => [...get(base), ...(offset === null ? [] : [...get(offset), op.i32Add])];
  const loadVector = (offset: number | null, into: number) => [...at(S, offset), ...v.load, ...set(into)];
  const storeVector = (offset: number | null, first: number, second: number, lanes: number[]) => [
    ...at(D, offset), ...get(first), ...get(second), ...v.shuffle32(lanes), ...v.store,
  ];
  const copyScalar = (sourceByte: number, offset: number | null) => [...at(D, offset), ...get(S), ...i32(sourceByte), op.i32Add, ...op.f32Load, ...op.f32Store];
  return [
    ...times(SRC_COLUMN, 2, COLUMN2), ...times(SRC_COLUMN, 3, COLUMN3),
    ...times(PATCH_ROW, 2, PATCH2), ...times(PATCH_ROW, 3, PATCH3),
    ...get(COLUMNS), ...i32(-4), op.i32And, ...set(FULL),
    ...overImagesAndRows(
      { src: SRC, dst: DST, images: IMAGES, rows: ROWS, srcImage: SRC_IMAGE, srcRow: SRC_ROW, dstImage: DST_IMAGE, dstRow: DST_ROW, b: B, y: Y, x: X, srcRowStart: SRC_ROW_START, dstRowStart: DST_ROW_START, s: S, d: D },
      [
        // Four output pixels at a time: their four channels, transposed into the four patch rows.
        ...whileBelow(X, FULL, [
          ...loadVector(null, VA), ...loadVector(SRC_COLUMN, VB), ...loadVector(COLUMN2, VC), ...loadVector(COLUMN3, VD),
          ...get(VA), ...get(VB), ...v.shuffle32([0, 4, 1, 5]), ...set(T0),
          ...get(VA), ...get(VB), ...v.shuffle32([2, 6, 3, 7]), ...set(T1),
          ...get(VC), ...get(VD), ...v.shuffle32([0, 4, 1, 5]), ...set(T2),
          ...get(VC), ...get(VD), ...v.shuffle32([2, 6, 3, 7]), ...set(T3),
          ...storeVector(null, T0, T2, [0, 1, 4, 5]),
          ...storeVector(PATCH_ROW, T0, T2, [2, 3, 6, 7]),
          ...storeVector(PATCH2, T1, T3, [0, 1, 4, 5]),
          ...storeVector(PATCH3, T1, T3, [2, 3, 6, 7]),
          ...addTo(S, [...get(COLUMN2), ...get(COLUMN2), op.i32Add]),
          ...addTo(D, i32(16)),
          ...addTo(X, i32(4)),
        ]),
        // The last columns, one pixel at a time.
        ...whileBelow(X, COLUMNS, [
          ...copyScalar(0, null), ...copyScalar(4, PATCH_ROW), ...copyScalar(8, PATCH2), ...copyScalar(12, PATCH3),
          ...addTo(S, get(SRC_COLUMN)),
          ...addTo(D, i32(4)),
          ...addTo(X, i32(1)),
        ]),
      ],
    ),
    op.end,
  ];
}

// row2imTap(src, dst, images, rows, columns, channelBytes, srcImage, srcRow, srcColumn, dstImage, dstRow, dstColumn);
// locals: b, y, x, c, srcPixel, dstPixel, srcRowStart, dstRowStart (i32).
function row2imTapBody(): number[] {
  const [SRC, DST, IMAGES, ROWS, COLUMNS, CB, SRC_IMAGE, SRC_ROW, SRC_COLUMN, DST_IMAGE, DST_ROW, DST_COLUMN] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const [B, Y, X, C, SP, DP, SRC_ROW_START, DST_ROW_START] = [12, 13, 14, 15, 16, 17, 18, 19];
  return [
    ...overImagesAndRows(
      { src: SRC, dst: DST, images: IMAGES, rows: ROWS, srcImage: SRC_IMAGE, srcRow: SRC_ROW, dstImage: DST_IMAGE, dstRow: DST_ROW, b: B, y: Y, x: X, srcRowStart: SRC_ROW_START, dstRowStart: DST_ROW_START, s: SP, d: DP },
      [
        ...whileBelow(X, COLUMNS, [
          ...i32(0), ...set(C),
          // image[cell] += rows[pixel, tap], four channels at a time
          ...whileBelow(C, CB, [
            ...sum(DP, C), ...sum(DP, C), ...v.load, ...sum(SP, C), ...v.load, ...v.addF32, ...v.store,
            ...addTo(C, i32(16)),
          ]),
          ...addTo(SP, get(SRC_COLUMN)),
          ...addTo(DP, get(DST_COLUMN)),
          ...addTo(X, i32(1)),
        ]),
      ],
    ),
    op.end,
  ];
}

// copyRows(src, dst, images, rows, columns, srcImage, srcRow, dstImage, dstRow);
// locals: b, y, x, s, d, srcRowStart, dstRowStart, full (i32).
function copyRowsBody(): number[] {
  const [SRC, DST, IMAGES, ROWS, COLUMNS, SRC_IMAGE, SRC_ROW, DST_IMAGE, DST_ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [B, Y, X, S, D, SRC_ROW_START, DST_ROW_START, FULL] = [9, 10, 11, 12, 13, 14, 15, 16];
  return [
    ...get(COLUMNS), ...i32(-4), op.i32And, ...set(FULL),
    ...overImagesAndRows(
      { src: SRC, dst: DST, images: IMAGES, rows: ROWS, srcImage: SRC_IMAGE, srcRow: SRC_ROW, dstImage: DST_IMAGE, dstRow: DST_ROW, b: B, y: Y, x: X, srcRowStart: SRC_ROW_START, dstRowStart: DST_ROW_START, s: S, d: D },
      [
        ...whileBelow(X, FULL, [
          ...get(D), ...get(S), ...v.load, ...v.store,
          ...addTo(S, i32(16)), ...addTo(D, i32(16)), ...addTo(X, i32(4)),
        ]),
        ...whileBelow(X, COLUMNS, [
          ...get(D), ...get(S), ...op.f32Load, ...op.f32Store,
          ...addTo(S, i32(4)), ...addTo(D, i32(4)), ...addTo(X, i32(1)),
        ]),
      ],
    ),
    op.end,
  ];
}

// gatherChunks(src, dst, images, rows, columns, srcImage, srcRow, srcColumn, dstImage, dstRow);
// locals: b, y, x, s, d, srcRowStart, dstRowStart (i32).
function gatherChunksBody(): number[] {
  const [SRC, DST, IMAGES, ROWS, COLUMNS, SRC_IMAGE, SRC_ROW, SRC_COLUMN, DST_IMAGE, DST_ROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [B, Y, X, S, D, SRC_ROW_START, DST_ROW_START] = [10, 11, 12, 13, 14, 15, 16];
  return [
    ...overImagesAndRows(
      { src: SRC, dst: DST, images: IMAGES, rows: ROWS, srcImage: SRC_IMAGE, srcRow: SRC_ROW, dstImage: DST_IMAGE, dstRow: DST_ROW, b: B, y: Y, x: X, srcRowStart: SRC_ROW_START, dstRowStart: DST_ROW_START, s: S, d: D },
      [
        ...whileBelow(X, COLUMNS, [
          ...get(D), ...get(S), ...v.load, ...v.store,
          ...addTo(S, get(SRC_COLUMN)), ...addTo(D, i32(16)), ...addTo(X, i32(1)),
        ]),
      ],
    ),
    op.end,
  ];
}

/**
 * The module's bytes. Browsers compile modules above 4 KB only asynchronously
 * on the main thread, and the kernels are built synchronously when first used,
 * so a test keeps this one below that.
 */
export function moduleBytes(shared = false): Uint8Array<ArrayBuffer> {
  const i32s = (count: number) => new Array<number>(count).fill(I32);
  return wasmModule([
    { name: 'reluBiasGrad', params: i32s(6), results: [], locals: [[3, I32], [2, V128]], body: reluBiasGradBody() },
    { name: 'maxPoolRow', params: i32s(6), results: [I32], locals: [[3, I32], [11, V128]], body: maxPoolRowBody() },
    { name: 'im2colBlock', params: i32s(11), results: [], locals: [[12, I32], [8, V128]], body: im2colBlockBody() },
    { name: 'row2imTap', params: i32s(12), results: [], locals: [[8, I32]], body: row2imTapBody() },
    { name: 'copyRows', params: i32s(9), results: [], locals: [[8, I32]], body: copyRowsBody() },
    { name: 'gatherChunks', params: i32s(10), results: [], locals: [[7, I32]], body: gatherChunksBody() },
  ], shared);
}

const instances = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/** The SIMD kernels bound to the backend's memory, or null where SIMD or that memory is unavailable. */
export function simdKernelsFor(backend: unknown): SimdKernels | null {
  const memory = wasmMemoryOf(backend);
  if (memory === null) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  const exports = instantiateOnMemory(moduleBytes, memory);
  const kernels: SimdKernels | null =
    exports === null
      ? null
      : {
          reluBiasGrad: exports.reluBiasGrad as ReluBiasGradSimd,
          maxPoolRow: exports.maxPoolRow as MaxPoolRowSimd,
          im2colBlock: exports.im2colBlock as Im2colBlockSimd,
          row2imTap: exports.row2imTap as Row2imTapSimd,
          copyRows: exports.copyRows as CopyRowsSimd,
          gatherChunks: exports.gatherChunks as GatherChunksSimd,
        };
  instances.set(memory, kernels);
  return kernels;
}
