/**
 * tfjs-core registers no gradients on import (see BACKENDS.md, pitfall #1), and
 * its gradient module cannot be loaded by plain Node (ESM files without
 * extensions in a CommonJS package). The build bundles that module into a
 * chunk of this package, loaded the first time training needs it.
 */
let registration: Promise<void> | undefined;

/** Registers tfjs-core's gradient functions once; later calls return the same promise. */
export function ensureGradients(): Promise<void> {
  registration ??= import('@tensorflow/tfjs-core/dist/register_all_gradients').then(() => undefined);
  return registration;
}
