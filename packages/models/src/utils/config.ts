import { ValueError } from '../errors';

/** Keras's `AttributeError` for a name a Config does not hold. */
export class ConfigAttributeError extends Error {
  override readonly name = 'AttributeError';
}

/**
 * Names that JavaScript itself probes on any object (promise resolution reads
 * `then`, JSON.stringify `toJSON`, test and inspection tools the others):
 * reading one that the Config does not hold gives `undefined`, not an error.
 */
const PROBED = new Set(['then', 'toJSON', 'asymmetricMatch', 'nodeType', 'tagName', 'inspect', 'constructor', '$$typeof', '@@__IMMUTABLE_ITERABLE__@@', '@@__IMMUTABLE_RECORD__@@']);

/** Python's `difflib.get_close_matches(name, keys, n=1, cutoff=0.7)`: the key whose similarity ratio is highest and at least 0.7. */
function closestMatch(name: string, keys: string[]): string | undefined {
  let best: string | undefined;
  let bestRatio = 0.7;
  for (const key of keys) {
    const ratio = similarity(name, key);
    if (ratio > bestRatio || (ratio === bestRatio && best === undefined)) {
      best = key;
      bestRatio = ratio;
    }
  }
  return best;
}

/** SequenceMatcher's ratio, 2·M / (|a| + |b|), with M the characters of the longest common blocks found recursively. */
function similarity(a: string, b: string): number {
  if (a.length + b.length === 0) return 1;
  return (2 * matchingCharacters(a, b)) / (a.length + b.length);
}

function matchingCharacters(a: string, b: string): number {
  let bestLength = 0;
  let bestA = 0;
  let bestB = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > bestLength) [bestLength, bestA, bestB] = [k, i, j];
    }
  }
  if (bestLength === 0) return 0;
  return (
    bestLength +
    matchingCharacters(a.slice(0, bestA), b.slice(0, bestB)) +
    matchingCharacters(a.slice(bestA + bestLength), b.slice(bestB + bestLength))
  );
}

/** Python's `json.dumps` layout (`", "` and `": "` separators) for JSON values. */
function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  return JSON.stringify(value) ?? 'null';
}

/**
 * Keras's `keras.utils.Config`: a dict of named values that also reads and
 * writes them as properties (`config.learningRate = 0.1`,
 * `config.get('learningRate')`), can be frozen against changes, and
 * serialises to JSON. Reading a name it does not hold throws, suggesting the
 * closest one, as Keras's `AttributeError` does. The methods' own names
 * (`keys`, `freeze`...) are reached as entries through `get` and `set`.
 */
export class Config {
  [name: string]: unknown;
  #entries: Map<string, unknown>;
  #frozen = false;

  constructor(values: Record<string, unknown> = {}) {
    this.#entries = new Map(Object.entries(values));
    // biome-ignore lint/correctness/noConstructorReturn: the proxy is what makes entries readable as properties, as Keras's __getattr__.
    return new Proxy(this, {
      get: (target, property) => {
        if (typeof property === 'symbol' || property in target) {
          // Members run on the target itself: its private fields are not reachable through the proxy.
          const member = Reflect.get(target, property, target);
          return typeof member === 'function' ? member.bind(target) : member;
        }
        if (target.#entries.has(property)) return target.#entries.get(property);
        if (PROBED.has(property)) return undefined;
        const closest = closestMatch(property, [...target.#entries.keys()]);
        throw new ConfigAttributeError(`Unknown attribute: '${property}'.${closest === undefined ? '' : ` Did you mean '${closest}'?`}`);
      },
      set: (target, property, value) => {
        if (typeof property === 'symbol' || property in target) {
          throw new ValueError(`Cannot set '${String(property)}' on a Config as a property: it is one of Config's own members. Use config.set('${String(property)}', value).`);
        }
        target.set(property, value);
        return true;
      },
      has: (target, property) => (typeof property === 'string' && target.#entries.has(property)) || property in target,
      deleteProperty: (target, property) => {
        if (typeof property !== 'string') return false;
        target.delete(property);
        return true;
      },
      ownKeys: (target) => [...target.#entries.keys()],
      getOwnPropertyDescriptor: (target, property) =>
        typeof property === 'string' && target.#entries.has(property)
          ? { value: target.#entries.get(property), writable: !target.#frozen, enumerable: true, configurable: true }
          : undefined,
    });
  }

  /** Whether the config refuses changes. */
  get frozen(): boolean {
    return this.#frozen;
  }

  /** Refuses every later change until `unfreeze`. */
  freeze(): void {
    this.#frozen = true;
  }

  unfreeze(): void {
    this.#frozen = false;
  }

  #throwIfFrozen(): void {
    if (this.#frozen) throw new ValueError('Cannot mutate attribute(s) because the config is frozen.');
  }

  /** A shallow copy of the entries as a plain object (Keras's `as_dict`). */
  asDict(): Record<string, unknown> {
    return Object.fromEntries(this.#entries);
  }

  /** The entries as JSON, laid out as Python's `json.dumps` writes them (Keras's `to_json`). */
  toJson(): string {
    return pythonJson(this.asDict());
  }

  /** The names, in insertion order. */
  keys(): string[] {
    return [...this.#entries.keys()];
  }

  values(): unknown[] {
    return [...this.#entries.values()];
  }

  items(): Array<[string, unknown]> {
    return [...this.#entries.entries()];
  }

  /** Removes an entry and returns its value; `defaultValue` when absent, or a KeyError-like error when none is given (Python's `dict.pop`). */
  pop(name: string, ...defaultValue: [unknown?]): unknown {
    this.#throwIfFrozen();
    if (this.#entries.has(name)) {
      const value = this.#entries.get(name);
      this.#entries.delete(name);
      return value;
    }
    if (defaultValue.length > 0) return defaultValue[0];
    throw new ConfigAttributeError(`Config has no entry '${name}' to pop.`);
  }

  /** Adds or replaces entries from an object, a Map or another Config (Python's `dict.update`). */
  update(values: Record<string, unknown> | Map<string, unknown> | Config): void {
    this.#throwIfFrozen();
    const entries = values instanceof Config ? values.items() : values instanceof Map ? [...values.entries()] : Object.entries(values);
    for (const [name, value] of entries) this.#entries.set(name, value);
  }

  /** The value of an entry, or `defaultValue` (default null, Python's None) when absent. */
  get(name: string, defaultValue: unknown = null): unknown {
    return this.#entries.has(name) ? this.#entries.get(name) : defaultValue;
  }

  /** Sets an entry (Keras's `config[name] = value`). */
  set(name: string, value: unknown): void {
    this.#throwIfFrozen();
    this.#entries.set(name, value);
  }

  /** Whether the config holds an entry (Python's `name in config`). */
  has(name: string): boolean {
    return this.#entries.has(name);
  }

  /** Removes an entry (Python's `del config[name]`). */
  delete(name: string): void {
    this.#throwIfFrozen();
    if (!this.#entries.has(name)) throw new ConfigAttributeError(`Config has no entry '${name}' to delete.`);
    this.#entries.delete(name);
  }

  /** The number of entries (Python's `len`). */
  get size(): number {
    return this.#entries.size;
  }

  /** The names in sorted order, as Keras's `__iter__`. */
  *[Symbol.iterator](): IterableIterator<string> {
    yield* [...this.#entries.keys()].sort();
  }

  toString(): string {
    return `<Config ${pythonJson(this.asDict())}>`;
  }
}
