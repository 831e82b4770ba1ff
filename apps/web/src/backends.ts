/**
 * The backend picker's side: which backends this browser offers, and
 * starting one through @strata/backend with the .wasm files Vite serves.
 */
import { type BackendInfo, type BackendName, requestWebGpuAdapter, useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** Where Vite serves each .wasm file (hashed names in a build), for tfjs's setWasmPaths. */
export const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
};

/** A description of the WebGPU adapter, or the reason there is none. */
export async function webGpuAvailability(): Promise<{ available: boolean; note: string }> {
  if (!('gpu' in navigator)) return { available: false, note: '(this browser has no navigator.gpu)' };
  try {
    const adapter = await requestWebGpuAdapter();
    if (adapter === null) return { available: false, note: '(no adapter: requestAdapter() returned null)' };
    return { available: true, note: `(${[adapter.vendor, adapter.architecture].filter(Boolean).join(' ') || 'adapter found'})` };
  } catch (error) {
    return { available: false, note: `(${(error as Error).message})` };
  }
}

/**
 * Starts the backend. For wasm, the page asks for tfjs's single-threaded SIMD
 * build: one thread was the fastest on the 2-core machines measured
 * (docs/BACKENDS.md), and the threaded build cannot survive minification: its
 * worker runs the factory function's source text, in which the minifier has
 * renamed outer variables ("e is not defined" in every worker; an
 * unminified build runs it). The page is still served cross-origin isolated,
 * which the threaded build needs.
 */
export async function startBackend(name: BackendName): Promise<BackendInfo> {
  if (name !== 'wasm') return useBackend(name);
  await import('@tensorflow/tfjs-backend-wasm'); // registers the WASM_* flags before they can be set
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  return useBackend('wasm', { wasmPaths });
}

export function describeBackend(info: BackendInfo): string {
  if (info.name === 'wasm') return `wasm (${info.simd ? 'SIMD' : 'no SIMD'}, ${info.threads} thread${info.threads === 1 ? '' : 's'})`;
  if (info.name === 'webgpu') return `webgpu (${info.adapter?.vendor ?? '?'} ${info.adapter?.architecture ?? ''})`.trim();
  return 'cpu';
}
