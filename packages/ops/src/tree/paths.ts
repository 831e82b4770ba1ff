/**
 * The parts of Keras's `keras.tree` that walk a structure by path: the
 * structures are arrays (sequences, paths by index) and plain objects
 * (mappings, paths by key, visited in sorted key order as Keras visits a
 * dict); anything else (a tensor, a number, null) is a leaf.
 */
import { isNested } from '../core-ops/tree';

/** A path into a structure: array indices and object keys, outermost first (Keras's tuple of keys). */
export type TreePath = Array<string | number>;

/** What `traverse`'s function returns to replace a sub-structure with `null` (Keras's `MAP_TO_NONE`). */
export const MAP_TO_NONE: unique symbol = Symbol('keras.tree.MAP_TO_NONE');

function children(value: unknown): Array<[string | number, unknown]> {
  if (Array.isArray(value)) return value.map((item, index) => [index, item]);
  const object = value as Record<string, unknown>;
  return Object.keys(object)
    .sort()
    .map((key) => [key, object[key]]);
}

/** Each leaf with its path, in flatten's order (Keras's `tree.flatten_with_path`). */
export function flattenWithPath(structure: unknown): Array<[TreePath, unknown]> {
  const out: Array<[TreePath, unknown]> = [];
  const visit = (value: unknown, path: TreePath) => {
    if (!isNested(value)) out.push([path, value]);
    else for (const [key, child] of children(value)) visit(child, [...path, key]);
  };
  visit(structure, []);
  return out;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isNested(value)) return `an object with keys [${Object.keys(value as object).sort().join(', ')}]`;
  return 'a leaf';
}

/**
 * Throws unless `a` and `b` nest alike: arrays of the same length against
 * arrays, objects with the same keys against objects, leaves against leaves
 * (Keras's `tree.assert_same_structure`).
 */
export function assertSameStructure(a: unknown, b: unknown): void {
  const visit = (x: unknown, y: unknown, path: TreePath) => {
    const where = path.length === 0 ? 'at the top' : `at path [${path.join(', ')}]`;
    const kindX = Array.isArray(x) ? 'array' : isNested(x) ? 'object' : 'leaf';
    const kindY = Array.isArray(y) ? 'array' : isNested(y) ? 'object' : 'leaf';
    const keysX = kindX === 'leaf' ? [] : children(x).map(([key]) => key);
    const keysY = kindY === 'leaf' ? [] : children(y).map(([key]) => key);
    if (kindX !== kindY || keysX.join('\u0000') !== keysY.join('\u0000')) {
      throw new Error(`The two structures don't have the same nested structure: ${where}, the first is ${describe(x)} and the second ${describe(y)}.`);
    }
    if (kindX !== 'leaf') {
      const ys = children(y);
      children(x).forEach(([key, child], i) => visit(child, ys[i][1], [...path, key]));
    }
  };
  visit(a, b, []);
}

/** Throws unless `a` and `b` have the same leaf paths, whatever their containers (Keras's `tree.assert_same_paths`). */
export function assertSamePaths(a: unknown, b: unknown): void {
  const key = (path: TreePath) => JSON.stringify(path.map(String));
  const pathsA = new Set(flattenWithPath(a).map(([path]) => key(path)));
  const pathsB = new Set(flattenWithPath(b).map(([path]) => key(path)));
  const onlyA = [...pathsA].filter((path) => !pathsB.has(path));
  const onlyB = [...pathsB].filter((path) => !pathsA.has(path));
  if (onlyA.length > 0 || onlyB.length > 0) {
    throw new Error(`The two structures don't have the same paths: only in the first: [${onlyA.join(', ')}]; only in the second: [${onlyB.join(', ')}].`);
  }
}

/**
 * `func` applied to the sub-structures of `structures` found at the leaves of
 * `shallow` (Keras's `tree.map_structure_up_to`): the result is shaped like
 * `shallow`, and each structure must nest like it down to its leaves.
 */
export function mapStructureUpTo(shallow: unknown, func: (...items: any[]) => unknown, ...structures: unknown[]): any {
  const visit = (shape: unknown, items: unknown[], path: TreePath): unknown => {
    if (!isNested(shape)) return func(...items);
    const entries = children(shape);
    for (const item of items) {
      const kind = Array.isArray(shape) ? Array.isArray(item) : isNested(item) && !Array.isArray(item);
      const keys = kind ? children(item).map(([key]) => key) : [];
      if (!kind || keys.join('\u0000') !== entries.map(([key]) => key).join('\u0000')) {
        throw new Error(`mapStructureUpTo: at path [${path.join(', ')}] the shallow structure is ${describe(shape)} but a structure is ${describe(item)}.`);
      }
    }
    const mapped = entries.map(([key, child]) => [key, visit(child, items.map((item) => (item as Record<string | number, unknown>)[key]), [...path, key])] as const);
    return Array.isArray(shape) ? mapped.map(([, value]) => value) : Object.fromEntries(mapped);
  };
  return visit(shallow, structures, []);
}

/**
 * Visits every sub-structure, depth first (Keras's `tree.traverse`). Top down
 * (the default), a function result other than `undefined`/`null` replaces the
 * sub-structure and stops the descent into it; bottom up, the function sees
 * the sub-structure with its children already replaced, and its result replaces it. `MAP_TO_NONE` replaces it with
 * `null`.
 */
export function traverse(func: (subtree: unknown) => unknown, structure: unknown, options: { topDown?: boolean } = {}): any {
  const topDown = options.topDown ?? true;
  const resolve = (value: unknown) => (value === MAP_TO_NONE ? null : value);
  const rebuild = (value: unknown, map: (child: unknown) => unknown): unknown =>
    Array.isArray(value) ? value.map(map) : Object.fromEntries(children(value).map(([key, child]) => [key, map(child)]));
  const visit = (value: unknown): unknown => {
    if (topDown) {
      const replaced = func(value);
      if (replaced !== undefined && replaced !== null) return resolve(replaced);
      return isNested(value) ? rebuild(value, visit) : value;
    }
    const inner = isNested(value) ? rebuild(value, visit) : value;
    const replaced = func(inner);
    return replaced !== undefined && replaced !== null ? resolve(replaced) : inner;
  };
  return visit(structure);
}

/** Whether `value` is a shape: an array of integers and nulls (Keras's shape tuple). */
function isShape(value: unknown): boolean {
  return Array.isArray(value) && value.every((d) => d === null || Number.isInteger(d));
}

/** `func` applied to each shape (an array of integers and nulls) in a structure of shapes (Keras's `tree.map_shape_structure`). */
export function mapShapeStructure(func: (shape: Array<number | null>) => unknown, structure: unknown): any {
  const visit = (value: unknown): unknown => {
    if (isShape(value)) return func(value as Array<number | null>);
    if (!isNested(value)) return func(value as Array<number | null>);
    return Array.isArray(value) ? value.map(visit) : Object.fromEntries(children(value).map(([key, child]) => [key, visit(child)]));
  };
  return visit(structure);
}
