import * as tf from '@tensorflow/tfjs-core';
import { KerasFileError, type WeightArray, type WeightDtype, type WeightsStore } from '../types';
import { createWeightArray, validateWeightArray } from '../weight-array';

/**
 * The weights of a Keras file as KerasFileEditor shows them (Keras's
 * `weights_dict`): nested objects along the saveables' paths, the `vars`
 * level folded away, each leaf a weight array keyed by its dataset name
 * (`layers.dense['0']` is `layers/dense/vars/0`).
 */
export interface WeightsTree {
  [name: string]: WeightsTree | WeightArray;
}

/** What `addObject` and `addWeights` take for a weight: an array record, or a tensor (read now). */
export type WeightInput = WeightArray | tf.Tensor;

export function isWeightArray(node: WeightsTree | WeightArray | undefined): node is WeightArray {
  return node !== undefined && Array.isArray((node as WeightArray).shape) && ArrayBuffer.isView((node as WeightArray).data);
}

/** Keras's `_extract_weights_from_store`: the store's `path/vars/i` keys as a tree; groups without weights are left out. */
export function treeFromStore(store: WeightsStore): WeightsTree {
  const root: WeightsTree = {};
  for (const [key, array] of store.weights) {
    const match = /^(?:(.+)\/)?vars\/([^/]+)$/.exec(key);
    if (match === null) continue;
    let node = root;
    for (const part of (match[1] ?? '').split('/').filter((p) => p !== '')) {
      const next = node[part];
      if (next === undefined || isWeightArray(next)) node[part] = {};
      node = node[part] as WeightsTree;
    }
    node[match[2]] = array;
  }
  return root;
}

function weightDtype(dtype: tf.DataType): WeightDtype {
  if (dtype === 'float32' || dtype === 'int32') return dtype;
  // h5py stores a numpy bool array as one byte per value.
  if (dtype === 'bool') return 'uint8';
  throw new KerasFileError(`A ${dtype} tensor cannot be written as a Keras weight: expected float32, int32 or bool.`);
}

/** A weight given to the editor as the array record it stores (a tensor is read synchronously, once). */
export function toWeightArray(value: WeightInput, where: string): WeightArray {
  if (value instanceof tf.Tensor) {
    const data = value.dtype === 'bool' ? Uint8Array.from(value.dataSync()) : (value.dataSync() as Float32Array | Int32Array);
    return createWeightArray([...value.shape], weightDtype(value.dtype), data.slice());
  }
  return validateWeightArray(value, where);
}

/** The `vars` groups to write: each object of the tree that holds weights, with its weights in the tree's order. */
export function groupsOfTree(tree: WeightsTree, path = ''): Array<{ path: string; weights: Array<[string, WeightArray]> }> {
  const groups: Array<{ path: string; weights: Array<[string, WeightArray]> }> = [];
  const own: Array<[string, WeightArray]> = [];
  for (const [name, node] of Object.entries(tree)) {
    if (isWeightArray(node)) own.push([name, node]);
    else groups.push(...groupsOfTree(node, path === '' ? name : `${path}/${name}`));
  }
  if (own.length > 0) groups.unshift({ path, weights: own });
  return groups;
}

/** Python's tuple text of a shape: `(4, 3)`, `(3,)`, `()`. */
export function pythonShape(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Keras's `_print_weights_structure`: the tree drawn with box characters, one line per object and per weight. */
export function weightsStructureLines(tree: WeightsTree, prefix: string, state = { first: true }): string[] {
  const lines: string[] = [];
  const entries = Object.entries(tree);
  entries.forEach(([key, value], index) => {
    const isLast = index === entries.length - 1;
    let connector: string;
    if (state.first) {
      state.first = false;
      connector = '> ';
    } else {
      connector = isLast ? '└─ ' : '├─ ';
    }
    if (isWeightArray(value)) {
      lines.push(`${prefix}${connector}${key}: shape=${pythonShape(value.shape)}, dtype=${value.dtype}`);
    } else {
      lines.push(`${prefix}${connector}${key}`);
      lines.push(...weightsStructureLines(value, prefix + (isLast ? '    ' : '│   '), state));
    }
  });
  return lines;
}
