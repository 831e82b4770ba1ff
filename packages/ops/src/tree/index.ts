/**
 * Keras's `keras.tree`: utilities for nested structures of arrays and plain
 * objects (Keras's lists, tuples and dicts). `listsToTuples` is left out:
 * JavaScript has no tuples.
 */
export { flatten, isNested, mapStructure, packSequenceAs } from '../core-ops/tree';
export { MAP_TO_NONE, type TreePath, assertSamePaths, assertSameStructure, flattenWithPath, mapShapeStructure, mapStructureUpTo, traverse } from './paths';
