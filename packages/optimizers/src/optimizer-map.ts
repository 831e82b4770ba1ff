import { Optimizer } from './optimizer';
import { serializeOptimizer } from './serialize';

/**
 * Keras's `OptimizerMap`: which optimizer trains which variable, by the variable's path
 * (`sequential/dense/kernel`). A key matches a path exactly, or else as a regular expression over the
 * whole path (`encoder/.*` for every variable under `encoder`); a path that no key matches gets the
 * default optimizer. Used by `MultiOptimizer`.
 */
export class OptimizerMap implements Iterable<[string, Optimizer]> {
  readonly defaultOptimizer: Optimizer;
  private readonly entries = new Map<string, Optimizer>();

  constructor(defaultOptimizer: Optimizer, optimizerMap: Record<string, Optimizer> = {}) {
    if (!(defaultOptimizer instanceof Optimizer)) {
      throw new TypeError(`OptimizerMap: defaultOptimizer must be an Optimizer. Received: ${String(defaultOptimizer)}.`);
    }
    if (optimizerMap === null || typeof optimizerMap !== 'object' || Array.isArray(optimizerMap)) {
      throw new TypeError(`OptimizerMap: optimizerMap must be an object of optimizers by variable path. Received: ${String(optimizerMap)}.`);
    }
    this.defaultOptimizer = defaultOptimizer;
    for (const [key, optimizer] of Object.entries(optimizerMap)) this.set(key, optimizer);
  }

  /**
   * Keras's `__getitem__`: the optimizer of an exact key, else of the one key that matches the whole path as
   * a regular expression, else the default. Two matching patterns are an error.
   */
  get(path: string): Optimizer {
    const exact = this.entries.get(path);
    if (exact) return exact;
    const matching = [...this.entries.keys()].filter((pattern) => fullMatch(pattern, path));
    if (matching.length > 1) {
      throw new Error(`OptimizerMap: multiple optimizers assigned to variable '${path}' (keys ${matching.map((k) => `'${k}'`).join(', ')} all match it).`);
    }
    return matching.length === 1 ? (this.entries.get(matching[0]) as Optimizer) : this.defaultOptimizer;
  }

  /** Keras's `__setitem__`: a new key (a path or a pattern) for a plain optimizer. */
  set(key: string, optimizer: Optimizer): this {
    if (typeof key !== 'string') throw new Error(`OptimizerMap: a key must be a string. Received: ${String(key)}.`);
    if (this.entries.has(key)) {
      throw new Error(`OptimizerMap: '${key}' already exists in the OptimizerMap with value ${this.entries.get(key)?.name}. Please make sure to not use duplicated keys.`);
    }
    if (!(optimizer instanceof Optimizer)) {
      throw new Error(`OptimizerMap: the optimizer for '${key}' must be an Optimizer. Received: ${String(optimizer)}.`);
    }
    if (optimizer.className === 'LossScaleOptimizer' || optimizer.className === 'MultiOptimizer') {
      throw new Error(`OptimizerMap: the optimizer for '${key}' cannot be a ${optimizer.className}.`);
    }
    this.entries.set(key, optimizer);
    return this;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): IterableIterator<string> {
    return this.entries.keys();
  }

  /** The mapped optimizers in the order their keys were set (without the default). */
  values(): IterableIterator<Optimizer> {
    return this.entries.values();
  }

  [Symbol.iterator](): IterableIterator<[string, Optimizer]> {
    return this.entries.entries();
  }

  /** Keras's config: the default optimizer and the map, each optimizer serialized. */
  getConfig(): { default_optimizer: Record<string, unknown>; optimizer_map: Record<string, Record<string, unknown>> } {
    return {
      default_optimizer: serializeOptimizer(this.defaultOptimizer),
      optimizer_map: Object.fromEntries([...this.entries].map(([key, optimizer]) => [key, serializeOptimizer(optimizer)])),
    };
  }
}

/** Python's `re.fullmatch(pattern, path)`; a key that is not a valid pattern matches only itself (as an exact key). */
function fullMatch(pattern: string, path: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`).test(path);
  } catch {
    return false;
  }
}
