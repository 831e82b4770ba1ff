/**
 * Strata's one WebAssembly assembler: the binary encoding (LEB128 numbers,
 * sections, names), the opcodes Strata's kernels use, a few structured-control
 * helpers, and `wasmModule`, which lays out a module of functions that work on
 * an imported memory (the wasm backend's heap). The SIMD kernels
 * (wasm-kernels/simd.ts) and the fused optimizer updates
 * (wasm-kernels/simd-updates.ts) are written with it, so there is one place
 * that knows the format.
 *
 * Every table here is a literal, and nothing runs at module level: code that
 * runs on import stays in the bundles of apps that never use these kernels.
 */

/** Value types. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

/** Scalar instructions (one byte, or a byte and its fixed immediates). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  f32Const: 0x43,
  if: [0x04, 0x40],
  else: 0x05,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Eq: 0x46,
  i32LeU: 0x4d,
  i32GeU: 0x4f,
  i32GtU: 0x4b,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  f32Load: [0x2a, 2, 0],
  f32Store: [0x38, 2, 0],
};

/**
 * SIMD instructions: the 0xfd prefix, then the opcode (LEB128) and immediates
 * (memory ones: alignment 0, offset 0).
 */
export const v = {
  load: [0xfd, 0x00, 0, 0],
  store: [0xfd, 0x0b, 0, 0],
  splatF32: [0xfd, 0x13],
  eq: [0xfd, 0x41],
  ne: [0xfd, 0x42],
  gt: [0xfd, 0x44],
  and: [0xfd, 0x4e],
  andNot: [0xfd, 0x4f],
  or: [0xfd, 0x50],
  anyTrue: [0xfd, 0x53],
  sqrtF32: [0xfd, 0xe3, 0x01],
  addF32: [0xfd, 0xe4, 0x01],
  subF32: [0xfd, 0xe5, 0x01],
  mulF32: [0xfd, 0xe6, 0x01],
  divF32: [0xfd, 0xe7, 0x01],
  maxF32: [0xfd, 0xe9, 0x01],
  /** v128.load32_splat: one float32 from memory into all four lanes. */
  load32Splat: [0xfd, 0x09, 0, 0],
  /** f32x4.relaxed_madd(a, b, c) = a·b + c, fused or not as the machine does it (relaxed SIMD). */
  relaxedMaddF32: [0xfd, 0x85, 0x02],
  /** i8x16.shuffle of two vectors by 32-bit lanes (0–3 the first, 4–7 the second). */
  shuffle32: (lanes: number[]) => [0xfd, 0x0d, ...lanes.flatMap((lane) => [4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3])],
};

/** A memory instruction (`[prefix…, opcode, align, offset]`) with a constant byte offset added to its address. */
export function at(instruction: readonly number[], offset: number): number[] {
  return [...instruction.slice(0, -1), ...leb(offset)];
}

/** Unsigned LEB128. */
export function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const byte = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? byte : byte | 0x80);
  } while (rest !== 0);
  return bytes;
}

/** Signed LEB128, for i32.const. */
export function sleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

export const get = (local: number) => [op.localGet, local];
export const set = (local: number) => [op.localSet, local];
export const i32 = (value: number) => [op.i32Const, ...sleb(value)];
export const f32 = (value: number) => [op.f32Const, ...new Uint8Array(new Float32Array([value]).buffer)];
/** `local += amount`. */
export const addTo = (local: number, amount: number[]) => [...get(local), ...amount, op.i32Add, ...set(local)];
/** Address `a + b` of two locals. */
export const sum = (a: number, b: number) => [...get(a), ...get(b), op.i32Add];

/** `block { loop { if counter >= limit break; body; continue } }` (the body advances the counter). */
export function whileBelow(counter: number, limit: number, body: number[]): number[] {
  return [...op.block, ...op.loop, ...get(counter), ...get(limit), op.i32GeU, op.brIf, 1, ...body, op.br, 0, op.end, op.end];
}

const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (text: string) => [...leb(text.length), ...Array.from(text, (c) => c.charCodeAt(0))];

/** One exported function: its parameter and result types, its locals as runs of one type, and its body (ending in `end`). */
export interface WasmFunction {
  name: string;
  params: number[];
  results: number[];
  /** Runs of locals after the parameters: [count, type] each. */
  locals: Array<[number, number]>;
  body: number[];
}

/**
 * The bytes of a module that imports `env.memory` (with no minimum or maximum,
 * so any heap size fits; `shared`: a shared memory of at most 4 GiB, as the
 * wasm backend's threaded build has) and exports `functions` by name, one type
 * each. A function calls another with `op.call` and its index in `functions`.
 */
export function wasmModule(functions: WasmFunction[], shared = false): Uint8Array<ArrayBuffer> {
  const memoryLimits = shared ? [0x03, 0x00, ...leb(65536)] : [0x00, 0x00];
  const types = functions.flatMap((fn) => [0x60, ...leb(fn.params.length), ...fn.params, ...leb(fn.results.length), ...fn.results]);
  const bodies = functions.map((fn) => [...leb(fn.locals.length), ...fn.locals.flatMap(([count, type]) => [...leb(count), type]), ...fn.body]);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [...leb(functions.length), ...types]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, ...memoryLimits]),
    ...section(3, [...leb(functions.length), ...functions.map((_, index) => index)]),
    ...section(7, [...leb(functions.length), ...functions.flatMap((fn, index) => [...name(fn.name), 0x00, index])]),
    ...section(10, [...leb(functions.length), ...bodies.flatMap((body) => [...leb(body.length), ...body])]),
  ]);
}

/** Whether `memory` is shared (the wasm backend's threaded build). */
export function isSharedMemory(memory: WebAssembly.Memory): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}

/**
 * Compiles the module that `build` lays out for `memory` (shared or not) and
 * binds it to that memory, returning the exports, or null where WebAssembly
 * (or SIMD) is unavailable or the module does not validate. Synchronous:
 * browsers allow that only for modules under 4 KB, which the tests of each
 * module check.
 */
export function instantiateOnMemory(build: (shared: boolean) => Uint8Array<ArrayBuffer>, memory: WebAssembly.Memory): WebAssembly.Exports | null {
  try {
    const bytes = build(isSharedMemory(memory));
    if (typeof WebAssembly !== 'object' || !WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  } catch {
    return null;
  }
}
