/**
 * How the report names a WebGPU adapter, so that a reader sees at once when
 * the "GPU" numbers came from a software rasterizer on the CPU.
 */
import type { WebGpuAdapterDescription } from '@strata/backend';

/** Vulkan/D3D drivers that run on the CPU: SwiftShader (Chromium's), Mesa's llvmpipe and lavapipe, Windows' WARP. */
const softwareAdapterPattern = /swiftshader|llvmpipe|lavapipe|basic render driver|\bsoftware\b/i;

export function isSoftwareAdapter(adapter: WebGpuAdapterDescription): boolean {
  return softwareAdapterPattern.test([adapter.vendor, adapter.architecture, adapter.device, adapter.description].join(' '));
}

/** 'google swiftshader (SwiftShader driver 5.0.0)': vendor and architecture, then the description. */
export function describeAdapter(adapter: WebGpuAdapterDescription): string {
  const name = [adapter.vendor, adapter.architecture].filter((part) => part !== '').join(' ') || 'unnamed adapter';
  return adapter.description === '' ? name : `${name} (${adapter.description})`;
}
