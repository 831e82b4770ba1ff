/**
 * Strata's matrix product on wasm: `op(A)·op(B)`, optionally `+ bias` and
 * through relu, for rank-2 float32 operands on the wasm heap, with the
 * SIMD module of gemm-module.ts. Both operands are packed (which reads a
 * transposed operand in place), then the tile loop runs over slices of the
 * depth that keep a block of A and a panel of B in the L1/L2 caches. Shapes
 * that are not whole tiles are computed into a padded scratch product and
 * copied out row by row.
 *
 * `gemmKernelsFor` returns null where the module cannot run (no SIMD, or the
 * threaded build's shared memory): callers then use XNNPACK's product.
 */
import { wasmMemoryOf } from '../host-backend';
import { instantiateOnMemory } from './assembler';
import { gemmModuleBytes, type PackFn, TILE_COLUMNS, TILE_ROWS, type TilesFn } from './gemm-module';
import type { TensorInfo, WasmBackend } from './wasm-backend';

export interface GemmKernels {
  pack: PackFn;
  tiles: TilesFn;
  /** Whether the tiles multiply-add with `f32x4.relaxed_madd` (relaxed SIMD compiled here). */
  relaxed: boolean;
}

/** Depth steps per slice: a 4×256 block of A (4 KB) and an 8×256 panel of B (8 KB) stay in L1 while a tile runs. */
const DEPTH_SLICE = 256;

const instances = new WeakMap<WebAssembly.Memory, GemmKernels | null>();

/** The product's kernels bound to the backend's memory (relaxed SIMD where it compiles), or null. */
export function gemmKernelsFor(backend: unknown): GemmKernels | null {
  const memory = wasmMemoryOf(backend);
  if (memory === null) return null;
  const known = instances.get(memory);
  if (known !== undefined) return known;
  let kernels: GemmKernels | null = null;
  for (const relaxed of [true, false]) {
    const exports = instantiateOnMemory(gemmModuleBytes(relaxed), memory);
    if (exports !== null) {
      kernels = { pack: exports.pack as PackFn, tiles: exports.tiles as TilesFn, relaxed };
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

export interface GemmOptions {
  transposeA?: boolean;
  transposeB?: boolean;
  /** [n], added to every row. */
  bias?: TensorInfo;
  relu?: boolean;
  /** Test hook: the module to use instead of the backend's (e.g. the plain one where relaxed SIMD exists). */
  kernels?: GemmKernels;
}

/**
 * `relu?(op(a)·op(b) + bias)` as a new [m, n] float32 tensor on the wasm
 * heap. `kernels` from gemmKernelsFor; the caller checked the dtypes.
 */
export function gemm(backend: WasmBackend, kernels: GemmKernels, a: TensorInfo, b: TensorInfo, options: GemmOptions = {}): TensorInfo {
  const { transposeA = false, transposeB = false, bias, relu = false } = options;
  const [m, depth] = transposeA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
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
    const packedA = allocate(blocks * depth * TILE_ROWS);
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
    kernels.pack(offset(a), aPtr, blocks, TILE_ROWS, depth, m, aGroupStride, aDepthStride);
    kernels.pack(offset(b), bPtr, panels, TILE_COLUMNS, depth, n, bGroupStride, bDepthStride);
    const cPtr = offset(product);
    const biasPtr = paddedBias === undefined ? 0 : offset(paddedBias);
    let start = 0;
    do {
      const slice = Math.min(DEPTH_SLICE, depth - start);
      const mode = start > 0 ? 2 : paddedBias === undefined ? 0 : 1;
      const last = start + slice >= depth;
      kernels.tiles(
        aPtr + start * TILE_ROWS * 4,
        bPtr + start * TILE_COLUMNS * 4,
        cPtr,
        blocks,
        panels,
        slice,
        depth * TILE_ROWS * 4,
        depth * TILE_COLUMNS * 4,
        paddedColumns * 4,
        mode,
        biasPtr,
        relu && last ? 1 : 0,
      );
      start += slice;
    } while (start < depth);
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
