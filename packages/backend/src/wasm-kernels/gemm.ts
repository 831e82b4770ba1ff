/**
 * Strata's matrix product on wasm: `op(A)·op(B)`, optionally `+ bias` and
 * through relu, for rank-2 float32 operands on the wasm heap, with the
 * SIMD module of gemm-module.ts. Both operands are packed (which reads a
 * transposed operand in place), then the tile loop runs over slices of the
 * depth that keep a block of A and a panel of B in the L1/L2 caches, split
 * over the workers of gemm-pool.ts when `useBackend('wasm', { threads })`
 * started some. Shapes that are not whole tiles are computed into a padded
 * scratch product and copied out row by row.
 *
 * `gemmKernelsFor` returns null where the module cannot run (no SIMD):
 * callers then use XNNPACK's product.
 */
import { wasmMemoryOf } from '../host-backend';
import { instantiateOnMemory, isSharedMemory } from './assembler';
import { gemmPoolFor, startGemmPool } from './gemm-pool';
import { gemmModuleBytes, type PackFn, type ProductFn, TILE_COLUMNS, TILE_ROWS } from './gemm-module';
import type { TensorInfo, WasmBackend } from './wasm-backend';

export interface GemmKernels {
  pack: PackFn;
  product: ProductFn;
  /** Whether the tiles multiply-add with `f32x4.relaxed_madd` (relaxed SIMD compiled here). */
  relaxed: boolean;
  /** The module's bytes, for the workers of a pool on the same memory. */
  bytes: Uint8Array<ArrayBuffer>;
  memory: WebAssembly.Memory;
}

/** Depth steps per slice: a 4×256 block of A (4 KB) and an 8×256 panel of B (8 KB) stay in L1 while a tile runs. */
const DEPTH_SLICE = 256;

/**
 * Products below this many flops run on the calling thread even with a pool:
 * waking a worker costs tens of microseconds, about 1–2 MFLOP of product.
 */
const PARALLEL_FLOPS = 20e6;

const instances = new WeakMap<WebAssembly.Memory, GemmKernels | null>();

/** The product's kernels bound to the backend's memory (relaxed SIMD where it compiles), or null. */
export function gemmKernelsFor(backend: unknown): GemmKernels | null {
  const memory = wasmMemoryOf(backend);
  if (memory === null) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let kernels: GemmKernels | null = null;
  for (const relaxed of [true, false]) {
    const bytes = gemmModuleBytes(relaxed, isSharedMemory(memory));
    const exports = instantiateOnMemory(() => bytes, memory);
    if (exports !== null) {
      kernels = { pack: exports.pack as PackFn, product: exports.product as ProductFn, relaxed, bytes, memory };
      break;
    }
  }
  instances.set(memory, kernels);
  return kernels;
}

/** Whether `relaxed_madd` compiles in this runtime (for the bench's machine line and the tests). */
export function relaxedSimdAvailable(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(gemmModuleBytes(true));
}

/**
 * Starts `workers` workers for the product on the backend's memory, where it
 * is shared (the threaded build); resolves to the number started (0 if none).
 */
export async function startGemmWorkers(backend: unknown, workers: number, isNode: boolean): Promise<number> {
  const kernels = gemmKernelsFor(backend);
  if (kernels === null) return 0;
  return startGemmPool(kernels.memory, kernels.bytes, workers, isNode);
}

export interface GemmOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** [n], added to every row. */
  bias?: TensorInfo;
  relu?: boolean;
}

/** How one operand is packed: pack's arguments but the range of groups (pointers and strides in bytes). */
interface Packing {
  src: number;
  dst: number;
  width: number;
  valid: number;
  groupStride: number;
  depthStride: number;
  /** Already in the packed layout at `dst` (a convolution's patches gathered there): nothing to pack. */
  prepacked?: boolean;
}

/** pack's eight arguments for groups [first, first + count) of `p` (count 0: nothing). */
function packSlice(p: Packing, depth: number, first: number, count: number): number[] {
  return [
    p.src + first * p.width * p.groupStride,
    p.dst + first * depth * p.width * 4,
    count,
    p.width,
    depth,
    Math.max(0, p.valid - first * p.width),
    p.groupStride,
    p.depthStride,
  ];
}

/** The product's arguments in bytes (tiles of A's blocks and B's panels), before a split. */
interface ProductArguments {
  a: number;
  b: number;
  c: number;
  blocks: number;
  panels: number;
  depth: number;
  cRow: number;
  bias: number;
  relu: number;
}

function argumentList(p: ProductArguments): number[] {
  return [p.a, p.b, p.c, p.blocks, p.panels, p.depth, p.cRow, p.bias, p.relu, DEPTH_SLICE];
}

/**
 * Packs both operands and runs the product. With a pool and enough work, the
 * product is split over the workers and the calling thread along B's panels
 * (or A's blocks, where there are more of them): the other operand is packed
 * first, then each thread packs its own slice of the split one and runs its
 * tiles.
 */
function packAndMultiply(kernels: GemmKernels, packA: Packing, packB: Packing, p: ProductArguments): void {
  const pool = gemmPoolFor(kernels.memory);
  const flops = 2 * p.blocks * TILE_ROWS * p.panels * TILE_COLUMNS * p.depth;
  const alongPanels = p.panels >= p.blocks;
  const tiles = alongPanels ? p.panels : p.blocks;
  const parts = pool === undefined || flops < PARALLEL_FLOPS ? 1 : Math.min(pool.workers + 1, tiles);
  const pack = (packing: Packing, first: number, count: number) => {
    if (!packing.prepacked) kernels.pack(...(packSlice(packing, p.depth, first, count) as Parameters<PackFn>));
  };
  if (parts <= 1) {
    pack(packA, 0, p.blocks);
    pack(packB, 0, p.panels);
    kernels.product(...(argumentList(p) as Parameters<ProductFn>));
    return;
  }
  const [whole, split] = alongPanels ? [packA, packB] : [packB, packA];
  pack(whole, 0, alongPanels ? p.blocks : p.panels);
  // Part i gets tiles [first(i), first(i + 1)); the calling thread takes part 0.
  const first = (part: number) => Math.floor((part * tiles) / parts);
  const partOf = (part: number): ProductArguments => {
    const [start, count] = [first(part), first(part + 1) - first(part)];
    return alongPanels
      ? {
          ...p,
          b: p.b + start * p.depth * TILE_COLUMNS * 4,
          c: p.c + start * TILE_COLUMNS * 4,
          bias: p.bias === 0 ? 0 : p.bias + start * TILE_COLUMNS * 4,
          panels: count,
        }
      : { ...p, a: p.a + start * p.depth * TILE_ROWS * 4, c: p.c + start * TILE_ROWS * p.cRow, blocks: count };
  };
  for (let part = 1; part < parts; part++) {
    // A worker's pack call with no groups (count 0) packs nothing.
    const count = split.prepacked ? 0 : first(part + 1) - first(part);
    pool!.post(part - 1, packSlice(split, p.depth, first(part), count), argumentList(partOf(part)));
  }
  try {
    pack(split, 0, first(1));
    kernels.product(...(argumentList(partOf(0)) as Parameters<ProductFn>));
  } finally {
    for (let part = 1; part < parts; part++) pool!.wait(part - 1);
  }
}

/** The left operand: a tensor (packed by the product), or blocks already packed (`gemmPackedA`). */
type LeftOperand = { tensor: TensorInfo; transposeA: boolean } | { packed: TensorInfo; rows: number; depth: number };

/**
 * `relu?(op(a)·op(b) + bias)` as a new [m, n] float32 tensor on the wasm
 * heap. `kernels` from gemmKernelsFor; the caller checked the dtypes.
 */
export function gemm(backend: WasmBackend, kernels: GemmKernels, a: TensorInfo, b: TensorInfo, options: GemmOptions = {}): TensorInfo {
  return multiply(backend, kernels, { tensor: a, transposeA: options.transposeA ?? false }, b, options);
}

/**
 * The same with the left operand already in the packed layout: `packed` holds
 * ⌈rows / TILE_ROWS⌉ blocks of [depth, TILE_ROWS] values (rows past `rows`
 * zero), as `im2colPackedSimd` gathers a convolution's patches.
 */
export function gemmPackedA(backend: WasmBackend, kernels: GemmKernels, packed: TensorInfo, rows: number, depth: number, b: TensorInfo, options: Omit<GemmOptions, 'transposeA'> = {}): TensorInfo {
  return multiply(backend, kernels, { packed, rows, depth }, b, options);
}

function multiply(backend: WasmBackend, kernels: GemmKernels, left: LeftOperand, b: TensorInfo, options: GemmOptions): TensorInfo {
  const { transposeB = false, bias, relu = false } = options;
  const a = 'tensor' in left ? left.tensor : left.packed;
  const transposeA = 'tensor' in left && left.transposeA;
  const [m, depth] = 'packed' in left ? [left.rows, left.depth] : transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const n = transposeB ? b.shape[0] : b.shape[1];
  const out = backend.makeOutput([m, n], 'float32');
  if (m === 0 || n === 0) return out;
  const blocks = Math.ceil(m / TILE_ROWS);
  const panels = Math.ceil(n / TILE_COLUMNS);
  const paddedRows = blocks * TILE_ROWS;
  const paddedColumns = panels * TILE_COLUMNS;
  const padded = paddedRows !== m || paddedColumns !== n;
  const scratch: TensorInfo[] = [];
  const allocate = (size: number) => {
    const info = backend.makeOutput([size], 'float32');
    scratch.push(info);
    return info;
  };
  try {
    const packedA = 'packed' in left ? left.packed : allocate(blocks * depth * TILE_ROWS);
    const packedB = allocate(panels * depth * TILE_COLUMNS);
    const product = padded ? allocate(paddedRows * paddedColumns) : out;
    const paddedBias = bias !== undefined && paddedColumns !== n ? allocate(paddedColumns) : bias;
    // Byte offsets only after every allocation: growing the heap detaches earlier views.
    const offset = (info: TensorInfo) => backend.typedArrayFromHeap(info).byteOffset;
    if (paddedBias !== undefined && paddedBias !== bias) {
      const values = backend.typedArrayFromHeap(paddedBias) as Float32Array;
      values.fill(0);
      values.set(backend.typedArrayFromHeap(bias!) as Float32Array);
    }
    // A's element (i, k) and B's element (k, j), as (group, depth) strides in bytes.
    const [aGroupStride, aDepthStride] = transposeA ? [4, m * 4] : [depth * 4, 4];
    const [bGroupStride, bDepthStride] = transposeB ? [depth * 4, 4] : [4, n * 4];
    const aPtr = offset(packedA);
    const bPtr = offset(packedB);
    packAndMultiply(
      kernels,
      { src: offset(a), dst: aPtr, width: TILE_ROWS, valid: m, groupStride: aGroupStride, depthStride: aDepthStride, prepacked: 'packed' in left },
      { src: offset(b), dst: bPtr, width: TILE_COLUMNS, valid: n, groupStride: bGroupStride, depthStride: bDepthStride },
      {
        a: aPtr,
        b: bPtr,
        c: offset(product),
        blocks,
        panels,
        depth,
        cRow: paddedColumns * 4,
        bias: paddedBias === undefined ? 0 : offset(paddedBias),
        relu: relu ? 1 : 0,
      },
    );
    if (padded) {
      const source = backend.typedArrayFromHeap(product) as Float32Array;
      const target = backend.typedArrayFromHeap(out) as Float32Array;
      for (let row = 0; row < m; row++) target.set(source.subarray(row * paddedColumns, row * paddedColumns + n), row * n);
    }
    return out;
  } catch (error) {
    backend.disposeData(out.dataId);
    throw error;
  } finally {
    for (const info of scratch) backend.disposeData(info.dataId);
  }
}
