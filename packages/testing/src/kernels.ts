import * as tf from '@tensorflow/tfjs-core';

/**
 * The names of the kernels `run` dispatches, in order, for tests that check
 * which kernels an op or an optimizer step runs (tf.profile is asynchronous,
 * and the engine's active profile is not public).
 */
export function kernelsRunBy(run: () => void): string[] {
  const names: string[] = [];
  const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
  const original = engine.runKernel;
  // Bound to the engine: some callers hold runKernel without its receiver.
  engine.runKernel = (name: string, ...rest: unknown[]) => {
    names.push(name);
    return original.call(engine, name, ...rest);
  };
  try {
    run();
  } finally {
    engine.runKernel = original;
  }
  return names;
}
