/**
 * Node set-up for @tensorflow/tfjs-backend-wasm (see docs/BACKENDS.md, "wasm in Node 20").
 */
import { nodeRequire, packageDirectory } from './node-environment';

const wasmPackage = '@tensorflow/tfjs-backend-wasm';

/**
 * The dist/ folder that holds the .wasm binaries, with the trailing slash
 * setWasmPaths requires. Unbundled, tfjs finds it by itself; once the caller
 * is bundled, tfjs looks next to the bundle and fails with ENOENT, so we
 * always point it at the installed package.
 */
export async function nodeWasmDirectory(): Promise<string> {
  const require = await nodeRequire();
  const path = require('node:path') as typeof import('node:path');
  return path.join(await packageDirectory(wasmPackage), 'dist') + path.sep;
}

let workerShimInstalled = false;

/**
 * The process's Node flags without `--input-type`, for workers that run
 * CommonJS source with `eval: true`: a program started with
 * `--input-type=module` would make them ES modules, where `require` is missing.
 */
export function commonJsExecArgv(): string[] {
  const flags = process.execArgv;
  return flags.filter((flag, index) => !flag.startsWith('--input-type') && flags[index - 1] !== '--input-type');
}

/**
 * tfjs disables wasm threads in Node (tfjs#3830) because Emscripten starts its
 * workers from a `blob:` URL, which Node's worker_threads refuses
 * (ERR_WORKER_PATH). This shim runs the worker's source with `eval: true`
 * and makes it load the threaded glue from disk instead of from the blob.
 */
async function installWorkerShim(): Promise<void> {
  if (workerShimInstalled) return;
  const require = await nodeRequire();
  const path = require('node:path') as typeof import('node:path');
  const workerThreads = require('node:worker_threads') as typeof import('node:worker_threads');
  const wasmOut = path.join(await packageDirectory(wasmPackage), 'wasm-out');
  const { wasmWorkerContents } = require(path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  // The exported string holds raw newlines inside JS string literals; escape them so it parses.
  const glueFile = JSON.stringify(path.join(wasmOut, 'tfjs-backend-wasm-threaded-simd.js'));
  const workerSource = wasmWorkerContents
    .replace(/\n/g, '\\n')
    .replace('importScripts(objectUrl)', `importScripts(${glueFile})`);
  const OriginalWorker = workerThreads.Worker;
  class BlobAwareWorker extends OriginalWorker {
    private pthread = false;

    /** Emscripten refs a pthread's worker while the thread runs, and tfjs's pool threads run forever. */
    override ref(): void {
      if (!this.pthread) super.ref();
    }

    constructor(url: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      const blob = String(url).startsWith('blob:');
      if (blob) super(workerSource, { ...options, eval: true, execArgv: commonJsExecArgv() });
      else super(url, options);
      // tfjs's pthreads only ever run while the main thread waits for them: they must not keep Node running
      // once the program is done (before this, a script that asked for threads never exited).
      this.pthread = blob;
      if (blob) this.unref();
    }
  }
  workerThreads.Worker = BlobAwareWorker;
  workerShimInstalled = true;
}

interface WasmThreadControls {
  setThreadsCount(count: number): void;
}

/**
 * Asks the wasm backend for `threads` threads in Node. One thread needs
 * nothing (the plain SIMD build). More turn on the threaded build through the
 * shim above; tfjs's C++ side caps the count at half the logical cores, so the
 * reported core count is raised to make room for the requested threads.
 */
export async function configureNodeWasmThreads(
  environment: { set(flag: string, value: boolean): void },
  wasm: WasmThreadControls,
  threads: number,
): Promise<void> {
  if (threads <= 1) {
    wasm.setThreadsCount(1);
    return;
  }
  await installWorkerShim();
  const require = await nodeRequire();
  const os = require('node:os') as typeof import('node:os');
  environment.set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const realCpus = os.cpus;
  if (realCpus().length < 2 * threads) {
    const cpus = realCpus();
    (os as { cpus: () => ReturnType<typeof realCpus> }).cpus = () =>
      Array.from({ length: 2 * threads }, (_, index) => cpus[index % cpus.length]);
  }
  wasm.setThreadsCount(threads);
}
