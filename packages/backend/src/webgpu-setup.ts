/**
 * Getting a WebGPU adapter, in a browser or in Node through Dawn (the `webgpu`
 * package). tfjs-backend-webgpu registers its backend only if `navigator.gpu`
 * exists when it is imported, so in Node navigator.gpu must be in place first.
 */
import { isNode } from './node-environment';

export interface WebGpuAdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

interface AdapterLike {
  info?: Partial<WebGpuAdapterDescription>;
  requestAdapterInfo?: () => Promise<Partial<WebGpuAdapterDescription>>;
}

interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

let nodeGpuPromise: Promise<void> | undefined;

function currentGpu(): GpuLike | undefined {
  return (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
}

/** In Node, installs Dawn's GPU as navigator.gpu (once); in a browser, does nothing. */
export function provideNavigatorGpu(): Promise<void> {
  if (!isNode() || currentGpu() !== undefined) return Promise.resolve();
  const packageName = 'webgpu';
  nodeGpuPromise ??= import(/* webpackIgnore: true */ /* @vite-ignore */ packageName).then(
    (dawn: { create(flags: string[]): GpuLike; globals: Record<string, unknown> }) => {
      Object.assign(globalThis, dawn.globals); // GPUBufferUsage, GPUMapMode... which tfjs reads as globals
      const gpu = dawn.create([]);
      const global = globalThis as { navigator?: object };
      // Node 20 has no navigator; Node 21+ has one whose gpu property must be defined, not assigned.
      if (global.navigator === undefined) global.navigator = { gpu };
      else Object.defineProperty(global.navigator, 'gpu', { value: gpu, configurable: true });
    },
    (cause: unknown) => {
      nodeGpuPromise = undefined;
      throw new Error(
        "The 'webgpu' backend needs a WebGPU implementation in Node, and the 'webgpu' package (Dawn) is not installed: " +
          'add webgpu@0.6.2 to your dependencies, or run in a browser that has WebGPU.',
        { cause },
      );
    },
  );
  return nodeGpuPromise;
}

/** Why no adapter appeared, and what to do, for the error and for visible test skips. */
export function noAdapterReason(): string {
  if (currentGpu() === undefined) {
    return 'this environment has no navigator.gpu: use a browser with WebGPU enabled (Chrome 113+, or Chromium with --enable-unsafe-webgpu), or install the webgpu package in Node.';
  }
  if (isNode()) {
    const icdFiles = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.VK_ICD_FILENAMES;
    if (icdFiles === undefined) {
      return (
        'navigator.gpu.requestAdapter() returned null: Dawn found no Vulkan device. On a machine without a GPU, ' +
        "install Debian's chromium package and set VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json to use SwiftShader."
      );
    }
    return (
      `navigator.gpu.requestAdapter() returned null although VK_ICD_FILENAMES=${icdFiles}: check that the file exists and that ` +
      'the Vulkan loader libvulkan.so.1 can be found (apt-get install libvulkan1, or LD_LIBRARY_PATH=/usr/lib/chromium, which ships one).'
    );
  }
  return 'navigator.gpu.requestAdapter() returned null: the browser offers no WebGPU adapter (start Chromium with --enable-unsafe-webgpu, or check chrome://gpu).';
}

/** The adapter tfjs will get (same power preference), or null when none exists. */
export async function requestWebGpuAdapter(
  powerPreference: 'high-performance' | 'low-power' = 'high-performance',
): Promise<WebGpuAdapterDescription | null> {
  await provideNavigatorGpu();
  const gpu = currentGpu();
  if (gpu === undefined) return null;
  const adapter = await gpu.requestAdapter({ powerPreference });
  if (adapter === null) return null;
  const info = adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {};
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
  };
}
