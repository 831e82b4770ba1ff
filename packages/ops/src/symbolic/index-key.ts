/**
 * Index keys of `ops.getItem` in graph nodes. Strata's key items are Python's, written in JavaScript: `{start,
 * stop, step}` for a slice (`{}` is `:`), `'...'` for the ellipsis, null for a new axis, integers and tensors.
 * A node holds slices and the ellipsis as the values below, so that they save unambiguously as Keras's
 * `__slice__` and `__ellipsis__` objects, and gives the op Strata's form back when it runs.
 */

/** Python's `slice(start, stop, step)` in a node's arguments. */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}

/** Python's `...` in a node's arguments. */
export const Ellipsis: unique symbol = Symbol('Ellipsis');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A `getItem` key as a node holds it: slices as `Slice`, `'...'` as `Ellipsis`. */
export function toNodeKey(key: unknown): unknown {
  const item = (value: unknown): unknown => {
    if (value === '...') return Ellipsis;
    if (isPlainObject(value)) {
      const { start = null, stop = null, step = null } = value as { start?: number | null; stop?: number | null; step?: number | null };
      return new Slice(start, stop, step);
    }
    return value;
  };
  return Array.isArray(key) ? key.map(item) : item(key);
}

/** A node's arguments with slices and ellipses in Strata's form again (`{start, stop, step}`, `'...'`), to run. */
export function fromNodeKey(value: unknown): unknown {
  if (value instanceof Slice) return { start: value.start, stop: value.stop, step: value.step };
  if (value === Ellipsis) return '...';
  if (Array.isArray(value)) return value.map(fromNodeKey);
  return value;
}
