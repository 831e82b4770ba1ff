export { ensureGradients } from './gradients';
export { useBackend, availableBackends, activeBackend, backendNames } from './use-backend';
export type { BackendName, BackendOptions, BackendInfo } from './use-backend';
export type { WebGpuAdapterDescription } from './webgpu-setup';
export { requestWebGpuAdapter } from './webgpu-setup';
export { kernelCoverage, strataKernels, kernelCoverageMarkdown } from './kernel-coverage';
export type { KernelCoverageRow, KernelSupport, StrataKernel } from './kernel-coverage';
