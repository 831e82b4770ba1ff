/**
 * Workers that run part of Strata's wasm product (gemm.ts) beside the calling
 * thread, on the wasm backend's shared memory (the threaded build, started by
 * `useBackend('wasm', { threads })`). XNNPACK's own thread pool splits only
 * XNNPACK's kernels; Strata's product needs its own workers.
 *
 * Each worker compiles the same product module on the same memory and waits
 * on its slot of a shared Int32Array: the caller writes the arguments (the
 * packing of the worker's slice of the split operand, then the product over
 * it) and a job number, wakes the worker with `Atomics.notify`, runs its own
 * part, then waits for the worker's "done" number. A job costs one wake-up
 * (tens of microseconds), so gemm.ts splits only products large enough.
 *
 * Node runs the worker from source (`worker_threads`, `eval: true`), a
 * browser from a Blob URL; where neither can start, or the memory is not
 * shared, there is no pool and the product runs on the calling thread.
 * Workers are unreferenced in Node, so they never keep a process alive.
 */
import { nodeRequire } from '../node-environment';
import { commonJsExecArgv } from '../wasm-node';
import { isSharedMemory } from './assembler';

/**
 * Int32 fields per worker: [0] job number (−1 stops the worker), [1] done
 * number, [2..9] the arguments of `pack` for the worker's slice of the split
 * operand (a group count of 0: nothing to pack), [10..19] the product's
 * arguments, [20] 1 after an error.
 */
const SLOT = 24;
const JOB = 0;
const DONE = 1;
const PACK = 2;
const PRODUCT = 10;
const FAILED = 20;

// The worker's whole program, plain JS for Node's eval workers and browsers' Blob workers alike.
const workerSource = `
const serve = ({ bytes, memory, control, index }, ready) => {
  const { pack, product } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  const slots = new Int32Array(control);
  const base = index * ${SLOT};
  let seen = 0;
  ready();
  for (;;) {
    Atomics.wait(slots, base + ${JOB}, seen);
    const job = Atomics.load(slots, base + ${JOB});
    if (job < 0) return;
    if (job === seen) continue;
    seen = job;
    try {
      if (slots[base + ${PACK + 2}] > 0) pack(...slots.subarray(base + ${PACK}, base + ${PACK + 8}));
      product(...slots.subarray(base + ${PRODUCT}, base + ${PRODUCT + 10}));
      slots[base + ${FAILED}] = 0;
    } catch (error) {
      slots[base + ${FAILED}] = 1;
    }
    Atomics.store(slots, base + ${DONE}, job);
    Atomics.notify(slots, base + ${DONE});
  }
};
if (typeof require === 'function' && typeof process === 'object') {
  const { parentPort, workerData } = require('node:worker_threads');
  serve(workerData, () => parentPort.postMessage('ready'));
} else {
  self.onmessage = (event) => serve(event.data, () => self.postMessage('ready'));
}
`;

/** What the pool needs of a started worker: a ready message, and its end. */
interface PoolWorker {
  ready: Promise<void>;
  terminate(): void;
}

export interface GemmPool {
  /** Workers besides the calling thread. */
  readonly workers: number;
  /** Hands worker `index` the eight arguments of `pack` for its slice (groups 0: none) and the product's ten. */
  post(index: number, packArgs: readonly number[], productArgs: readonly number[]): void;
  /** Waits until worker `index` has finished its job; throws if it failed. */
  wait(index: number): void;
}

const pools = new WeakMap<WebAssembly.Memory, GemmPool>();

/** The pool on `memory`, if `startGemmPool` started one. */
export function gemmPoolFor(memory: WebAssembly.Memory): GemmPool | undefined {
  return pools.get(memory);
}

async function startNodeWorker(data: Record<string, unknown>): Promise<PoolWorker> {
  const { Worker } = (await nodeRequire())('node:worker_threads') as typeof import('node:worker_threads');
  const worker = new Worker(workerSource, { eval: true, workerData: data, execArgv: commonJsExecArgv() });
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return { ready, terminate: () => void worker.terminate() };
}

function startBrowserWorker(data: Record<string, unknown>): PoolWorker {
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  const worker = new Worker(url);
  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (event) => reject(new Error(`A worker of Strata's wasm product failed to start: ${event.message}`));
  });
  worker.postMessage(data);
  URL.revokeObjectURL(url);
  return { ready, terminate: () => worker.terminate() };
}

/** Waits until `slots[at]` is no longer `value`: Atomics.wait where the thread may block, else a spin (a browser's main thread). */
function waitWhile(slots: Int32Array, at: number, value: number): void {
  while (Atomics.load(slots, at) === value) {
    try {
      Atomics.wait(slots, at, value, 1000);
    } catch {
      // Atomics.wait is refused on a browser's main thread: spin instead.
    }
  }
}

/**
 * Starts `workers` workers running `bytes` (the product module built for a
 * shared memory) on `memory`. Resolves to the number started: 0 where the
 * memory is not shared or workers cannot start here.
 */
export async function startGemmPool(memory: WebAssembly.Memory, bytes: Uint8Array, workers: number, isNode: boolean): Promise<number> {
  if (workers < 1 || !isSharedMemory(memory) || pools.has(memory)) return pools.get(memory)?.workers ?? 0;
  const control = new SharedArrayBuffer(4 * SLOT * workers);
  const slots = new Int32Array(control);
  const started: PoolWorker[] = [];
  try {
    for (let index = 0; index < workers; index++) {
      const data = { bytes, memory, control, index };
      started.push(isNode ? await startNodeWorker(data) : startBrowserWorker(data));
    }
    await Promise.all(started.map((worker) => worker.ready));
  } catch {
    for (const worker of started) worker.terminate();
    return 0;
  }
  const jobs = new Array<number>(workers).fill(0);
  pools.set(memory, {
    workers,
    post(index, packArgs, productArgs) {
      const base = index * SLOT;
      slots.set(packArgs, base + PACK);
      slots.set(productArgs, base + PRODUCT);
      jobs[index] = (jobs[index] % 0x3fffffff) + 1;
      Atomics.store(slots, base + JOB, jobs[index]);
      Atomics.notify(slots, base + JOB);
    },
    wait(index) {
      const base = index * SLOT;
      for (;;) {
        const done = Atomics.load(slots, base + DONE);
        if (done === jobs[index]) break;
        waitWhile(slots, base + DONE, done);
      }
      if (slots[base + FAILED] !== 0) throw new Error("A worker of Strata's wasm product failed (a memory access out of bounds).");
    },
  });
  return workers;
}
