import type { Optimizer } from './optimizer';

/** Keras 3's serialized form: `{ module, class_name, config, registered_name }`. */
export function serializeOptimizer(optimizer: Optimizer): Record<string, unknown> {
  return {
    module: 'keras.optimizers',
    class_name: optimizer.className,
    config: optimizer.getConfig(),
    registered_name: null,
  };
}
