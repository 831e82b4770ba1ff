import * as tf from '@tensorflow/tfjs-core';
import { registerCpuTrainingKernels, strataCpuKernelNames } from './cpu-training-kernels';
import { ensureGradients } from './gradients';
import { isNode } from './node-environment';
import { configureNodeWasmThreads, nodeWasmDirectory } from './wasm-node';
import { registerWasmTrainingKernels, strataWasmKernels } from './wasm-training-kernels';
import { startGemmWorkers } from './wasm-kernels/gemm';
import { noAdapterReason, provideNavigatorGpu, requestWebGpuAdapter, type WebGpuAdapterDescription } from './webgpu-setup';

export type BackendName = 'cpu' | 'wasm' | 'webgpu';

export const backendNames: readonly BackendName[] = ['cpu', 'wasm', 'webgpu'];

export interface BackendOptions {
  /**
   * wasm only: number of threads, 1 by default. More run XNNPACK's kernels and
   * Strata's matrix product (its own workers) in parallel; they need
   * SharedArrayBuffer (in a browser: a cross-origin-isolated page) and are
   * fixed once wasm has started in this process. docs/BACKENDS.md and
   * apps/bench give measured speed-ups.
   */
  threads?: number;
  /**
   * wasm only: where the .wasm files are served, as a URL prefix ending in '/'
   * or a map from file name to URL (tfjs's setWasmPaths). Needed in a browser
   * whenever the bundler does not serve them next to the script; Node finds the
   * installed package's files by itself.
   */
  wasmPaths?: string | Partial<Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>>;
}

export interface BackendInfo {
  name: BackendName;
  /** wasm: whether the SIMD build runs. cpu and webgpu: false. */
  simd: boolean;
  /** Threads the kernels run on: the wasm thread count; 1 for cpu; undefined for webgpu. */
  threads: number | undefined;
  /**
   * wasm: the workers of Strata's own matrix product besides the calling
   * thread (threads − 1 on the threaded build, where workers can start; else 0).
   */
  productWorkers?: number;
  /** webgpu: the adapter tfjs runs on. */
  adapter?: WebGpuAdapterDescription;
  /** Kernels Strata registered for this backend to make training work. */
  strataKernels: string[];
}

let active: BackendInfo | undefined;
let wasmThreadsAtStart: number | undefined;

/** The backend that `useBackend` started last, with its features; undefined before any call. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

type BackendModule = Record<string, any>;

const packageOf: Record<BackendName, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
};

function notInstalled(name: BackendName, cause: unknown): Error {
  return new Error(
    `The '${name}' backend cannot start because ${packageOf[name]} could not be imported (${String(cause)}): ` +
      `add ${packageOf[name]}@${tf.version_core} to your dependencies.`,
    { cause },
  );
}

/** Imports a tfjs backend package; importing it registers its backend and kernels with tfjs-core. */
async function importBackendPackage(name: BackendName): Promise<BackendModule> {
  // Literal specifiers so bundlers see the optional peers and can split them into their own chunks.
  switch (name) {
    case 'cpu':
      return import('@tensorflow/tfjs-backend-cpu');
    case 'wasm':
      return import('@tensorflow/tfjs-backend-wasm');
    case 'webgpu':
      // tfjs registers 'webgpu' only if navigator.gpu exists at import time.
      await provideNavigatorGpu();
      return import('@tensorflow/tfjs-backend-webgpu');
  }
}

/**
 * Names of the backends that can start here: the package imports and, for
 * webgpu, an adapter exists. Checking imports the packages, so their backends
 * become registered with tfjs-core (none is selected).
 */
export async function availableBackends(): Promise<BackendName[]> {
  const found: BackendName[] = [];
  for (const name of backendNames) {
    try {
      await importBackendPackage(name);
      if (name === 'webgpu' && (await requestWebGpuAdapter()) === null) continue;
      found.push(name);
    } catch {
      // not installed here, so not available
    }
  }
  return found;
}

/** tfjs's cpu backend greets Node users with a console banner on first write; a library should not. */
function silenceNodeBanner(backend: tf.KernelBackend | undefined): void {
  if (backend !== undefined && 'firstUse' in backend) (backend as { firstUse: boolean }).firstUse = false;
}

async function selectBackend(name: BackendName, reason: string): Promise<void> {
  const succeeded = await tf.setBackend(name);
  // setBackend reports failure by returning false while getBackend() may still name it (docs/BACKENDS.md).
  if (!succeeded || tf.getBackend() !== name) {
    throw new Error(`The '${name}' backend is installed but failed to initialize: ${reason}`);
  }
  await tf.ready();
}

async function startCpu(): Promise<BackendInfo> {
  await selectBackend('cpu', 'tfjs logged the cause above.');
  silenceNodeBanner(tf.backend());
  registerCpuTrainingKernels();
  return { name: 'cpu', simd: false, threads: 1, strataKernels: [...strataCpuKernelNames] };
}

async function startWasm(wasm: BackendModule, options: BackendOptions): Promise<BackendInfo> {
  const threads = options.threads ?? 1;
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`useBackend('wasm') received threads: ${threads}, but expected a whole number of at least 1.`);
  }
  if (wasmThreadsAtStart !== undefined && wasmThreadsAtStart !== threads) {
    throw new Error(
      `useBackend('wasm') received threads: ${threads}, but wasm already started with ${wasmThreadsAtStart} in this process; ` +
        'the thread count is fixed at first start, so pass the same value (or none) to later calls.',
    );
  }
  if (wasmThreadsAtStart === undefined) {
    if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
    else if (isNode()) wasm.setWasmPaths(await nodeWasmDirectory());
    if (isNode()) await configureNodeWasmThreads(tf.env(), wasm as { setThreadsCount(count: number): void }, threads);
    else wasm.setThreadsCount(threads);
  }
  // The cpu package is optional: without it, training kernels explain how to get it when called.
  const cpuAvailable = await importBackendPackage('cpu').then(
    () => true,
    () => false,
  );
  registerWasmTrainingKernels(cpuAvailable);
  await selectBackend(
    'wasm',
    isNode()
      ? 'tfjs logged the cause above. The .wasm files must exist in the installed @tensorflow/tfjs-backend-wasm/dist folder, ' +
          'and a program bundled to ESM must define __dirname (for example with an esbuild banner), which the wasm loader reads.'
      : 'tfjs logged the cause above. Pass wasmPaths: the URL where node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm is served.',
  );
  wasmThreadsAtStart = threads;
  if (cpuAvailable) silenceNodeBanner(tf.engine().findBackend('cpu'));
  const threadCount = wasm.getThreadsCount() as number;
  return {
    name: 'wasm',
    simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true,
    threads: threadCount,
    productWorkers: await startGemmWorkers(tf.backend(), threadCount - 1, isNode()),
    strataKernels: [...strataWasmKernels].sort(),
  };
}

async function startWebGpu(): Promise<BackendInfo> {
  if (tf.findBackendFactory('webgpu') === null) {
    throw new Error(
      "The 'webgpu' backend is not registered: @tensorflow/tfjs-backend-webgpu was imported before navigator.gpu existed. " +
        "Let useBackend('webgpu') import it, or set navigator.gpu before importing it.",
    );
  }
  const adapter = await requestWebGpuAdapter(tf.env().getBool('WEBGPU_USE_LOW_POWER_GPU') ? 'low-power' : 'high-performance');
  if (adapter === null) throw new Error(`The 'webgpu' backend has no GPU adapter: ${noAdapterReason()}`);
  await selectBackend('webgpu', 'the adapter was found but creating the device failed; tfjs logged the cause above.');
  return { name: 'webgpu', simd: false, threads: undefined, adapter, strataKernels: [] };
}

/**
 * Starts the named backend, registers the gradients (and, for cpu and wasm,
 * the training kernels Strata adds), and resolves once the backend is ready.
 * Throws, saying why and what to install, when the backend cannot start:
 * nothing falls back to another backend silently.
 */
export async function useBackend(name: BackendName, options: BackendOptions = {}): Promise<BackendInfo> {
  if (!backendNames.includes(name)) {
    throw new Error(`useBackend received '${String(name)}', but expected one of ${backendNames.map((n) => `'${n}'`).join(', ')}.`);
  }
  await ensureGradients();
  let backendModule: BackendModule;
  try {
    backendModule = await importBackendPackage(name);
  } catch (cause) {
    if (cause instanceof Error && cause.message.startsWith("The 'webgpu' backend")) throw cause;
    throw notInstalled(name, cause);
  }
  if (name === 'cpu') active = await startCpu();
  else if (name === 'wasm') active = await startWasm(backendModule, options);
  else active = await startWebGpu();
  return active;
}
