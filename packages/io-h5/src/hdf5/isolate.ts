import { KerasFileBudgetError, KerasFileError, KerasFileExternalError } from '../types';
import type { Hdf5Job, Hdf5JobReply } from './jobs';

/**
 * Runs HDF5 reads in a worker thread (Node), under a time limit.
 *
 * The HDF5 library can loop forever on a corrupt file (about 1 in 2,500
 * random bit flips of a Keras .h5 file does it, in its global heap), and a
 * wasm loop cannot be interrupted from the thread it runs on. So in Node the
 * whole read (open the file, pull every attribute and dataset the loader needs
 * into plain data) runs in a `worker_threads` Worker that is terminated when
 * the limit passes or that dies on its own; either way the caller gets a
 * KerasFileError and the next read gets a fresh worker. One worker serves
 * every read in turn and is left running between reads without holding the
 * process open.
 *
 * Where there is no worker_threads (the browser), or the worker file is not
 * beside this module (a bundler that dropped it; the source tree under
 * vitest), the read runs in the calling thread without a time limit.
 */

/** The worker file, next to the built module (dist/hdf5-worker.js). A variable, so that browser bundlers do not pull it in. */
const WORKER_FILE = './hdf5-worker.js';
/** How long a new worker may take to load the HDF5 library before we give up on it. */
const STARTUP_LIMIT_MS = 60_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface IsolationOptions {
  /**
   * Time limit in milliseconds for reading one HDF5 file in Node; past it the
   * read is stopped and the file refused as corrupt. Default
   * `defaultReadTimeoutMs(size)`: 30 s plus 1 s per MiB. `Infinity` turns the
   * limit off (the read still runs in a worker).
   */
  readTimeoutMs?: number;
}

/** 30 s, plus 1 s for every MiB of the file: a good file of any size reads far faster. */
export function defaultReadTimeoutMs(byteLength: number): number {
  return 30_000 + Math.ceil(byteLength / 2 ** 20) * 1000;
}

let workerScriptOverride: URL | null | undefined;

/** Tests that run the TypeScript sources point this at a bundle of src/hdf5-worker.ts; null forces in-thread reads. */
export function setHdf5WorkerScript(script: URL | string | null | undefined): void {
  workerScriptOverride = script === null || script === undefined ? script : new URL(script);
  stopHdf5Worker();
}

type WorkerThreads = typeof import('node:worker_threads');
type NodeWorker = InstanceType<WorkerThreads['Worker']>;

let queue: Promise<unknown> = Promise.resolve();
let current: { worker: NodeWorker; ready: Promise<NodeWorker> } | null = null;
let nextJobId = 0;
let warnedMissing = false;

/**
 * Runs `job` in the worker when it can, else `inThread()`. Reads are served
 * one at a time, in order; the time limit of each starts when the worker
 * takes it.
 */
export function readHdf5Isolated<T>(job: Hdf5Job, options: IsolationOptions, inThread: () => Promise<T>): Promise<T> {
  const limit = options.readTimeoutMs ?? defaultReadTimeoutMs(job.bytes.length);
  if (!(limit > 0)) return Promise.reject(new KerasFileError(`readTimeoutMs should be a positive number of milliseconds, received ${String(limit)}.`));
  const run = queue.then(() => runJob(job, limit, inThread));
  queue = run.catch(() => {});
  return run as Promise<T>;
}

/** Terminates the worker, if one runs (the next read starts another). */
export function stopHdf5Worker(): void {
  if (current === null) return;
  const { worker } = current;
  current = null;
  worker.terminate().catch(() => {});
}

async function runJob<T>(job: Hdf5Job, limit: number, inThread: () => Promise<T>): Promise<T> {
  const script = await workerScript();
  if (script === null) return inThread();
  const worker = await startedWorker(script);
  return new Promise<T>((resolve, reject) => {
    const id = ++nextJobId;
    const finish = (settle: () => void) => {
      if (timer !== null) clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
      settle();
    };
    const onMessage = (reply: Hdf5JobReply) => {
      if (reply.id !== id) return;
      finish(() => (reply.ok ? resolve(reply.result as T) : reject(rebuildError(reply.error))));
    };
    const onError = (error: Error) => {
      discard(worker);
      finish(() => reject(new KerasFileError(`${job.description}: the HDF5 reader crashed while reading it (${error.message}), so the file is corrupt or hostile.`)));
    };
    const onExit = (code: number) => {
      discard(worker);
      finish(() => reject(new KerasFileError(`${job.description}: the HDF5 reader stopped while reading it (its worker exited with code ${code}), so the file is corrupt or hostile.`)));
    };
    const onTimeout = () => {
      discard(worker);
      finish(() =>
        reject(
          new KerasFileError(
            `${job.description}: the HDF5 data looks corrupt: reading it did not finish in ${limit} ms, so the read was stopped (a corrupt HDF5 file can make the library loop forever). If the file is good and only large or the machine slow, raise readTimeoutMs.`,
          ),
        ),
      );
    };
    const timer = Number.isFinite(limit) ? setTimeout(onTimeout, Math.min(Math.ceil(limit), MAX_TIMER_MS)) : null;
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.ref();
    // Structured clone copies the bytes, so the caller's buffer stays theirs; a view into a larger buffer is cut out first.
    const bytes = job.bytes.byteLength === job.bytes.buffer.byteLength ? job.bytes : job.bytes.slice();
    worker.postMessage({ id, job: { ...job, bytes } });
  });
}

function rebuildError(error: { name: string; message: string }): Error {
  if (error.name === 'KerasFileError') return new KerasFileError(error.message);
  if (error.name === 'KerasFileBudgetError') return new KerasFileBudgetError(error.message);
  if (error.name === 'KerasFileExternalError') return new KerasFileExternalError(error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

function discard(worker: NodeWorker): void {
  if (current?.worker === worker) current = null;
  worker.terminate().catch(() => {});
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** The worker file to run, or null to read in this thread. */
async function workerScript(): Promise<URL | null> {
  if (workerScriptOverride !== undefined) return workerScriptOverride;
  if (!isNode() || import.meta.url.endsWith('.ts')) return null;
  // import.meta.url through a variable: webpack reads `new URL(name, import.meta.url)` as an asset to bundle, and this one is Node's.
  const here = import.meta.url;
  const script = new URL(WORKER_FILE, here);
  try {
    const [{ access }, { fileURLToPath }] = await Promise.all([import(/* webpackIgnore: true */ 'node:fs/promises'), import(/* webpackIgnore: true */ 'node:url')]);
    await access(fileURLToPath(script));
    return script;
  } catch {
    if (!warnedMissing) {
      warnedMissing = true;
      console.warn(`@strata/io-h5: ${WORKER_FILE} is missing beside ${import.meta.url}, so HDF5 files are read in the main thread, without a time limit; a corrupt file could hang the process. Ship the whole dist folder of @strata/io-h5.`);
    }
    return null;
  }
}

async function startedWorker(script: URL): Promise<NodeWorker> {
  if (current === null) {
    const { Worker } = (await import(/* webpackIgnore: true */ 'node:worker_threads')) as WorkerThreads;
    const worker = new Worker(script);
    worker.unref();
    // A worker that dies between reads is replaced by the next read; these listeners keep its error from being unhandled.
    worker.on('error', () => discard(worker));
    worker.on('exit', () => discard(worker));
    const ready = new Promise<NodeWorker>((resolve, reject) => {
      const fail = (why: string) => {
        cleanup();
        discard(worker);
        reject(new Error(`@strata/io-h5 could not start its HDF5 reader worker (${script.href}): ${why}.`));
      };
      const onMessage = (message: unknown) => {
        if ((message as { ready?: boolean })?.ready !== true) return;
        cleanup();
        resolve(worker);
      };
      const onError = (error: Error) => fail(error.message);
      const onExit = (code: number) => fail(`it exited with code ${code}`);
      const timer = setTimeout(() => fail(`it did not load the HDF5 library within ${STARTUP_LIMIT_MS} ms`), STARTUP_LIMIT_MS);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
    current = { worker, ready };
  }
  return current.ready;
}
