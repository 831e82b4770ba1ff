export { ensureGradients } from './gradients';
export { useBackend, availableBackends, activeBackend } from './use-backend';
export type { BackendName, BackendOptions, BackendInfo } from './use-backend';
