import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { onCpuWithLeakCheck } from '../test-support/cpu-leak-check';
import * as tree from './index';

onCpuWithLeakCheck();

describe('keras.tree for arrays and plain objects', () => {
  const nest = [[1, 2], [3], { b: 5, a: 4 }];

  it('flattens in Keras order (object keys sorted), with paths, and packs back', () => {
    expect(tree.flatten(nest)).toEqual([1, 2, 3, 4, 5]);
    expect(tree.flatten(null)).toEqual([null]);
    expect(tree.flattenWithPath(nest)).toEqual([
      [[0, 0], 1],
      [[0, 1], 2],
      [[1, 0], 3],
      [[2, 'a'], 4],
      [[2, 'b'], 5],
    ]);
    expect(tree.packSequenceAs(nest, [10, 20, 30, 40, 50])).toEqual([[10, 20], [30], { a: 40, b: 50 }]);
    expect(tree.isNested(nest)).toBe(true);
    const t = tf.scalar(1);
    expect(tree.isNested(t)).toBe(false);
    t.dispose();
  });

  it('traverses top down as keras.tree.traverse does: parents first, a result replaces the sub-tree and stops the descent', () => {
    const seen: unknown[] = [];
    const same = tree.traverse((x) => void seen.push(x), [[1, 2], [3], { a: 4 }]);
    expect(same).toEqual([[1, 2], [3], { a: 4 }]);
    // Keras's docstring: [[(1, 2), [3], {'a': 4}], (1, 2), 1, 2, [3], 3, {'a': 4}, 4]
    expect(seen).toEqual([[[1, 2], [3], { a: 4 }], [1, 2], 1, 2, [3], 3, { a: 4 }, 4]);
    expect(tree.traverse((x) => (Array.isArray(x) && x[0] === 1 ? 'pair' : undefined), [[1, 2], [3]])).toEqual(['pair', [3]]);
    expect(tree.traverse((x) => (x === 3 ? tree.MAP_TO_NONE : undefined), [[1, 2], [3]])).toEqual([[1, 2], [null]]);
  });

  it('traverses bottom up: children first, and the function sees the rebuilt parent', () => {
    const seen: unknown[] = [];
    tree.traverse((x) => void seen.push(x), [[1, 2], [3], { a: 4 }], { topDown: false });
    // Keras's docstring: [1, 2, (1, 2), 3, [3], 4, {'a': 4}, [(1, 2), [3], {'a': 4}]]
    expect(seen).toEqual([1, 2, [1, 2], 3, [3], 4, { a: 4 }, [[1, 2], [3], { a: 4 }]]);
    const doubled = tree.traverse((x) => (typeof x === 'number' ? x * 2 : Array.isArray(x) ? [...x, 'end'] : undefined), [1, [2]], { topDown: false });
    expect(doubled).toEqual([2, [4, 'end'], 'end']);
  });

  it('maps several structures, up to a shallow structure, and shapes as leaves', () => {
    expect(tree.mapStructure((a: number, b: number) => a + b, [1, { x: 2 }], [10, { x: 20 }])).toEqual([11, { x: 22 }]);
    expect(tree.mapStructureUpTo([0, 0], (a: unknown, b: unknown) => [a, b], [[1, 2], { c: 3 }], ['x', 'y'])).toEqual([
      [[1, 2], 'x'],
      [{ c: 3 }, 'y'],
    ]);
    expect(() => tree.mapStructureUpTo([0, 0], (a: unknown) => a, [1])).toThrow(/the shallow structure is an array of 2 but a structure is an array of 1/);
    expect(tree.mapShapeStructure((shape) => (shape as number[]).length, { a: [null, 3], b: [[2, 2, 1], []] })).toEqual({ a: 2, b: [3, 0] });
  });

  it('asserts the same structure (containers and keys) or only the same paths', () => {
    expect(() => tree.assertSameStructure([1, { a: 2 }], [5, { a: [6] }])).toThrow(
      "The two structures don't have the same nested structure: at path [1, a], the first is a leaf and the second an array of 1.",
    );
    expect(() => tree.assertSameStructure([1, { a: 2 }], ['x', { a: 'y' }])).not.toThrow();
    expect(() => tree.assertSameStructure({ a: 1 }, { b: 1 })).toThrow(/at the top, the first is an object with keys \[a\] and the second an object with keys \[b\]/);
    // Paths only: an array [x, y] and an object {0: x, 1: y} have the same paths.
    expect(() => tree.assertSamePaths([1, 2], { 0: 'a', 1: 'b' })).not.toThrow();
    expect(() => tree.assertSamePaths([1, 2], [1])).toThrow(`The two structures don't have the same paths: only in the first: [["1"]]; only in the second: [].`);
  });
});
