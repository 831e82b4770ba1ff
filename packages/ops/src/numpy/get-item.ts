// keras.ops.numpy's get_item: `x[key]` with NumPy's basic and advanced indexing, in a key form JavaScript can write.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { broadcastShapes, castTo, gatherAxis, sizeOf } from './array-helpers';

/** Python's `start:stop:step`; absent bounds take Python's defaults and the step may be negative. */
export interface SliceKey {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

/**
 * One item of a key: an integer (negative from the end), a slice, null for a new axis of length 1 (`np.newaxis`),
 * `'...'` for the ellipsis, or an advanced index, a tensor or a list (integers: positions along an axis; booleans:
 * a mask over as many axes as it has).
 */
export type KeyItem = number | SliceKey | null | '...' | tf.Tensor | number[] | boolean[];

/** A key: one item, or a list of items, one per axis in order (Python's tuple: a top-level list is never an index array). */
export type Key = KeyItem | KeyItem[];

type Item = { kind: 'int'; value: number } | { kind: 'slice'; key: SliceKey } | { kind: 'index'; index: tf.Tensor };

function sliceIndices(key: SliceKey, length: number): number[] {
  const step = key.step ?? 1;
  if (!Number.isInteger(step) || step === 0) throw new RangeError(`ops.get_item: a slice step must be a non-zero integer; received ${key.step}.`);
  const resolve = (bound: number | null | undefined, fallback: number, low: number, high: number) => {
    if (bound === null || bound === undefined) return fallback;
    const value = bound < 0 ? bound + length : bound;
    return Math.min(Math.max(value, low), high);
  };
  const start = step > 0 ? resolve(key.start, 0, 0, length) : resolve(key.start, length - 1, -1, length - 1);
  const stop = step > 0 ? resolve(key.stop, length, 0, length) : resolve(key.stop, -1, -1, length - 1);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

function checkIndex(value: number, length: number, axis: number): number {
  if (!Number.isInteger(value) || value < -length || value >= length) {
    throw new RangeError(`ops.get_item: index ${value} is out of bounds for axis ${axis} with size ${length}.`);
  }
  return value < 0 ? value + length : value;
}

function isSliceKey(item: unknown): item is SliceKey {
  return typeof item === 'object' && item !== null && !(item instanceof tf.Tensor) && !Array.isArray(item);
}

/**
 * `ops.get_item(x, key)`: Keras's `x[key]`. The key is one item or a list of items (see `KeyItem`): `1`, `-1`,
 * `{start: 1, stop: -1, step: 2}`, `[0, '...', {stop: 2}]`, `[null, {}]` (new leading axis), a boolean mask tensor,
 * or an int tensor. Several advanced indices broadcast together as in NumPy; their dimensions replace theirs when adjacent and go first otherwise. Integers are basic indices,
 * as in torch (which Keras runs on): `x[0, :, idx]` has shape [x.shape[1], ...idx.shape]. A boolean mask's result size
 * depends on its values, which are read on the host.
 */
export const getItem = /* @__PURE__ */ defineOp({ name: 'get_item', module: 'numpy' }, function getItem(x: TensorLike, key: Key): tf.Tensor {
  return tf.tidy(() => {
    const tensor = toTensor(x);
    // A list inside the key is an index array (integers, or booleans as a mask), as in NumPy.
    const raw: unknown[] = (Array.isArray(key) ? [...key] : [key]).map((item) => (Array.isArray(item) ? toTensor(item as TensorLike) : item));
    const ellipses = raw.filter((item) => item === '...').length;
    if (ellipses > 1) throw new RangeError('ops.get_item: a key may hold one ellipsis ("...") only.');
    const consumed = raw.reduce<number>((n, item) => n + (item === null || item === '...' ? 0 : item instanceof tf.Tensor && item.dtype === 'bool' ? item.rank : 1), 0);
    if (consumed > tensor.rank) throw new RangeError(`ops.get_item: too many indices (${consumed}) for a tensor of ${tensor.rank} dimensions.`);
    const at = ellipses === 1 ? raw.indexOf('...') : raw.length;
    raw.splice(at, ellipses, ...new Array(tensor.rank - consumed).fill({}));
    // Walk the key against x's shape: new axes become axes of length 1, masks merge the axes they cover.
    const shape: number[] = [];
    const items: Item[] = [];
    let d = 0;
    for (const item of raw) {
      if (item === null) {
        shape.push(1);
        items.push({ kind: 'slice', key: {} });
      } else if (typeof item === 'number') {
        items.push({ kind: 'int', value: checkIndex(item, tensor.shape[d], d) });
        shape.push(tensor.shape[d++]);
      } else if (item instanceof tf.Tensor && item.dtype === 'bool') {
        const covered = tensor.shape.slice(d, d + item.rank);
        if (covered.join() !== item.shape.join()) {
          throw new RangeError(`ops.get_item: a boolean mask of shape [${item.shape.join(', ')}] does not match the indexed dimensions [${covered.join(', ')}].`);
        }
        const mask = item.dataSync();
        const positions: number[] = [];
        for (let i = 0; i < mask.length; i++) if (mask[i]) positions.push(i);
        items.push({ kind: 'index', index: tf.tensor1d(positions, 'int32') });
        shape.push(sizeOf(covered));
        d += item.rank;
      } else if (item instanceof tf.Tensor) {
        // Indices past the end are refused by tfjs's cpu and wasm gather (as torch refuses them); webgl reads zeros.
        const index = castTo(item, 'int32');
        const length = tensor.shape[d];
        items.push({ kind: 'index', index: tf.where(tf.less(index, 0), tf.add(index, tf.scalar(length, 'int32')), index) });
        shape.push(tensor.shape[d++]);
      } else if (isSliceKey(item)) {
        items.push({ kind: 'slice', key: item });
        shape.push(tensor.shape[d++]);
      } else {
        throw new TypeError(`ops.get_item: unsupported key item ${JSON.stringify(item)}; expected an integer, a slice object, null, "...", or a tensor.`);
      }
    }
    const advanced = items.some((item) => item.kind === 'index');
    let y = tf.reshape(tensor, shape);
    // Basic indexing from the last axis back, so that removing an axis leaves the earlier positions in place.
    for (let axis = items.length - 1; axis >= 0; axis--) {
      const item = items[axis];
      if (item.kind === 'slice') {
        const positions = sliceIndices(item.key, shape[axis]);
        const contiguous = positions.every((p, i) => p === positions[0] + i);
        if (positions.length === shape[axis] && contiguous) continue;
        y = contiguous && positions.length > 0
          ? tf.slice(y, y.shape.map((_, a) => (a === axis ? positions[0] : 0)), y.shape.map((n, a) => (a === axis ? positions.length : n)))
          : gatherAxis(y, tf.tensor1d(positions, 'int32'), axis);
      } else if (item.kind === 'int') {
        y = gatherAxis(y, tf.scalar(item.value, 'int32'), axis);
      }
    }
    if (!advanced) return y === tensor ? tensor.clone() : y;
    return gatherAdvanced(y, items.filter((item) => item.kind !== 'int').map((item) => (item.kind === 'index' ? item.index : null)));
  });
});

/** NumPy's advanced indexing of `y`, one entry per axis: an index tensor or null for a full slice. */
function gatherAdvanced(y: tf.Tensor, indices: Array<tf.Tensor | null>): tf.Tensor {
  const positions = indices.flatMap((index, axis) => (index === null ? [] : [axis]));
  const broadcast = positions.reduce<number[]>((shape, axis) => broadcastShapes(shape, (indices[axis] as tf.Tensor).shape, 'get_item'), []);
  if (positions.length === 1) return gatherAxis(y, indices[positions[0]] as tf.Tensor, positions[0]);
  const rest = y.shape.map((_, a) => a).filter((a) => !positions.includes(a));
  const front = tf.transpose(y, [...positions, ...rest]);
  const sizes = positions.map((axis) => y.shape[axis]);
  let flat = tf.zeros(broadcast, 'int32');
  positions.forEach((axis, i) => {
    const stride = sizeOf(sizes.slice(i + 1));
    flat = tf.add(flat, tf.mul(tf.broadcastTo(indices[axis] as tf.Tensor, broadcast), tf.scalar(stride, 'int32')));
  });
  const gathered = gatherAxis(tf.reshape(front, [sizeOf(sizes), ...rest.map((a) => y.shape[a])]), flat, 0);
  const adjacent = positions.every((axis, i) => axis === positions[0] + i);
  if (!adjacent || positions[0] === 0) return gathered;
  // Adjacent advanced indices keep their place: move the broadcast dimensions back after the leading slices.
  const b = broadcast.length;
  const lead = positions[0];
  const perm = [...Array.from({ length: lead }, (_, i) => b + i), ...Array.from({ length: b }, (_, i) => i), ...Array.from({ length: gathered.rank - b - lead }, (_, i) => b + lead + i)];
  return tf.transpose(gathered, perm);
}
