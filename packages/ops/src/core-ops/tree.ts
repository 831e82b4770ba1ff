import * as tf from '@tensorflow/tfjs-core';

/**
 * A nested structure as Keras's control-flow ops take it (`tree` in Keras): arrays and plain objects of leaves.
 * A leaf is anything else: a tensor, a number, a boolean, a typed array, null.
 */
export type Nested<T> = T | Nested<T>[] | { [key: string]: Nested<T> };

function isContainer(value: unknown): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof tf.Tensor || ArrayBuffer.isView(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** True when `value` is an array or a plain object (Keras's `tree.is_nested`). */
export function isNested(value: unknown): boolean {
  return isContainer(value);
}

/** The leaves of a structure in order (object keys sorted, as Keras's `tree.flatten` sorts dict keys). */
export function flatten(value: unknown): unknown[] {
  const leaves: unknown[] = [];
  const visit = (item: unknown) => {
    if (Array.isArray(item)) item.forEach(visit);
    else if (isContainer(item))
      Object.keys(item)
        .sort()
        .forEach((key) => visit((item as Record<string, unknown>)[key]));
    else leaves.push(item);
  };
  visit(value);
  return leaves;
}

/** Rebuilds `structure`'s shape with `leaves` in flatten's order; refuses a count that does not match. */
export function packSequenceAs(structure: unknown, leaves: unknown[]): any {
  let index = 0;
  const build = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(build);
    if (isContainer(item)) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(item).sort()) out[key] = build((item as Record<string, unknown>)[key]);
      return out;
    }
    if (index >= leaves.length) throw new RangeError(`The structure has more leaves than the ${leaves.length} values given.`);
    return leaves[index++];
  };
  const result = build(structure);
  if (index !== leaves.length) throw new RangeError(`The structure has ${index} leaves but ${leaves.length} values were given.`);
  return result;
}

/** `fn` applied to the leaves at the same place of each structure (all shaped like the first). */
export function mapStructure(fn: (...leaves: any[]) => unknown, ...structures: unknown[]): any {
  const flat = structures.map(flatten);
  const count = flat[0].length;
  for (const leaves of flat) {
    if (leaves.length !== count) throw new RangeError(`The structures do not match: ${count} leaves against ${leaves.length}.`);
  }
  return packSequenceAs(
    structures[0],
    flat[0].map((_, i) => fn(...flat.map((leaves) => leaves[i]))),
  );
}

/** Every tensor in a structure. */
export function tensorsIn(value: unknown): tf.Tensor[] {
  return flatten(value).filter((leaf): leaf is tf.Tensor => leaf instanceof tf.Tensor);
}

/**
 * Disposes the tensors of `previous` that neither `next` nor `keep` holds: a loop's step frees the carry it
 * replaced without freeing the caller's inputs or a tensor the step passed through unchanged.
 */
export function disposeReplaced(previous: unknown, next: unknown, keep: Set<tf.Tensor>): void {
  const live = new Set(tensorsIn(next));
  for (const tensor of tensorsIn(previous)) {
    if (!live.has(tensor) && !keep.has(tensor) && !tensor.isDisposed) tensor.dispose();
  }
}

/** Reads a scalar predicate as JavaScript: a boolean, a number, or a one-element tensor (read from the device). */
export function truthy(value: unknown, what: string): boolean {
  if (typeof value === 'boolean' || typeof value === 'number') return Boolean(value);
  if (value instanceof tf.Tensor) {
    if (value.size !== 1) throw new TypeError(`${what} must be a scalar; received a tensor of shape [${value.shape}].`);
    return Boolean(value.dataSync()[0]);
  }
  throw new TypeError(`${what} must be a boolean, a number or a scalar tensor; received ${typeof value}.`);
}
