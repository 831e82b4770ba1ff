import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';
import type { Model } from '../model';
import { type StepLogs, canReadSync } from './step';

/**
 * The logs an overridden `trainStep` or `testStep` returned, kept on the
 * device until read, as the built-in step's are: a callback that reads a
 * value at the end of a batch pays for that value, and the epoch's logs come
 * in one transfer. Each batch's tensors replace (and free) the last's.
 */
export class ReturnedLogs {
  private logs: StepLogs = {};

  constructor(private readonly model: Model, private readonly method: string) {}

  /**
   * Runs a step in one tidy and takes the logs it returns, freeing the last
   * step's. The returned tensors are cloned (a clone shares the data), so a
   * step may return a tensor it keeps, even a variable, and still own it.
   */
  run(step: () => StepLogs): void {
    this.replace(
      tf.tidy(() => {
        const logs = step();
        if (logs === null || typeof logs !== 'object') return logs;
        return Object.fromEntries(Object.entries(logs).map(([name, value]) => [name, value instanceof tf.Tensor ? tf.clone(value) : value]));
      }),
    );
  }

  private replace(next: StepLogs | undefined): void {
    if (next === undefined || next === null || typeof next !== 'object') {
      this.dispose();
      throw new ValueError(`${this.method}() of model "${this.model.name}" must return its logs, an object of scalar tensors or numbers by name; it returned ${String(next)}.`);
    }
    for (const [name, value] of Object.entries(next)) {
      if (typeof value === 'number') continue;
      if (!(value instanceof tf.Tensor) || value.size !== 1) {
        this.dispose();
        const shape = value instanceof tf.Tensor ? `a tensor of shape [${value.shape.join(', ')}]` : typeof value;
        throw new ValueError(`${this.method}() of model "${this.model.name}" returned ${shape} for the log "${name}"; a log is a scalar tensor or a number.`);
      }
    }
    this.dispose();
    this.logs = next;
  }

  /** The current values for a batch callback, each read when asked (all at once on a backend without synchronous reads). */
  async batchLogs(): Promise<Record<string, number>> {
    if (!canReadSync()) return this.read();
    const logs: Record<string, number> = {};
    for (const [name, value] of Object.entries(this.logs)) {
      Object.defineProperty(logs, name, {
        enumerable: true,
        get: () => (typeof value === 'number' ? value : value.dataSync()[0]),
      });
    }
    return logs;
  }

  /** Every value, in one transfer. */
  async read(): Promise<Record<string, number>> {
    const entries = Object.entries(this.logs);
    const tensors = entries.filter(([, value]) => value instanceof tf.Tensor) as Array<[string, tf.Tensor]>;
    const values = new Map<string, number>();
    if (tensors.length > 0) {
      const stacked = tf.tidy(() => tf.stack(tensors.map(([, t]) => tf.reshape(tf.cast(t, 'float32'), []))));
      try {
        const data = await stacked.data();
        tensors.forEach(([name], i) => values.set(name, data[i]));
      } finally {
        stacked.dispose();
      }
    }
    return Object.fromEntries(entries.map(([name, value]) => [name, typeof value === 'number' ? value : (values.get(name) as number)]));
  }

  /** Frees the clones of the last step's logs. */
  dispose(): void {
    for (const value of Object.values(this.logs)) if (value instanceof tf.Tensor) value.dispose();
    this.logs = {};
  }
}
