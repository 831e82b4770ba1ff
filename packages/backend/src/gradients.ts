/**
 * tfjs-core registers no gradients and no chained tensor methods (`t.div(255)`)
 * on import (see docs/BACKENDS.md, pitfall #1), and its modules that do cannot be
 * loaded by plain Node (ESM files without extensions in a CommonJS package).
 * The build bundles both into chunks of this package, loaded the first time a
 * backend starts or training needs them: nothing is registered on import.
 */
let registration: Promise<void> | undefined;

/**
 * Registers tfjs-core's gradient functions and its chained tensor methods
 * (so Keras-style `xTrain.div(255)` works) once; later calls return the same promise.
 */
export function ensureGradients(): Promise<void> {
  registration ??= import('./register-tfjs-extras').then(({ tfjsExtrasRegistered }) => {
    if (!tfjsExtrasRegistered) throw new Error("tfjs-core's gradients were not registered.");
  });
  return registration;
}
