import type * as tf from '@tensorflow/tfjs-core';

/**
 * Base of every initializer: `call(shape, dtype)` makes the initial value of a
 * weight, and `getConfig()` returns Keras's config (snake_case keys), which
 * `serializeInitializer` wraps in Keras 3's `{module, class_name, ...}` form.
 */
export abstract class Initializer {
  /** Keras's class name, written as `class_name` when serialized. */
  static className = 'Initializer';

  abstract call(shape: number[], dtype?: tf.DataType): tf.Tensor;

  getConfig(): Record<string, unknown> {
    return {};
  }

  get className(): string {
    return (this.constructor as typeof Initializer).className;
  }
}

/** Checks that a shape is a list of non-negative integers, naming the initializer when it is not. */
export function assertShape(initializer: Initializer, shape: number[]): void {
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isInteger(dim) && dim >= 0)) {
    throw new Error(`${initializer.className} expects a shape of non-negative integers; received ${JSON.stringify(shape)}.`);
  }
}
