import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from './gradients';

export type BackendName = 'cpu' | 'wasm' | 'webgpu';

export interface BackendOptions {
  /** wasm only: number of threads (1 by default, the measured best on small machines). */
  threads?: number;
}

export interface BackendInfo {
  name: BackendName;
  simd?: boolean;
  threads?: number;
  adapter?: string;
}

let active: BackendInfo | undefined;

/** The backend that `useBackend` started last, with its features; undefined before any call. */
export function activeBackend(): BackendInfo | undefined {
  return active;
}

/** Names of the backends whose tfjs package can be imported here. */
export async function availableBackends(): Promise<BackendName[]> {
  const found: BackendName[] = [];
  for (const name of ['cpu', 'wasm', 'webgpu'] as const) {
    try {
      await importBackendPackage(name);
      found.push(name);
    } catch {
      // not installed: not available
    }
  }
  return found;
}

async function importBackendPackage(name: BackendName): Promise<unknown> {
  switch (name) {
    case 'cpu':
      return import('@tensorflow/tfjs-backend-cpu');
    case 'wasm':
      return import('@tensorflow/tfjs-backend-wasm');
    case 'webgpu':
      return import('@tensorflow/tfjs-backend-webgpu');
  }
}

/**
 * Starts the named backend and resolves once it is ready; registers the
 * gradients training needs. Throws, naming what to install, when the backend
 * cannot start: nothing falls back silently.
 */
export async function useBackend(name: BackendName, options: BackendOptions = {}): Promise<BackendInfo> {
  await ensureGradients();
  try {
    await importBackendPackage(name);
  } catch (cause) {
    throw new Error(
      `The '${name}' backend is not installed: add @tensorflow/tfjs-backend-${name}@${tf.version_core} to your dependencies.`,
      { cause },
    );
  }
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) {
    throw new Error(`The '${name}' backend failed to initialize.`);
  }
  await tf.ready();
  active = { name, threads: options.threads };
  return active;
}
