import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

export type FillMode = 'constant' | 'nearest' | 'wrap' | 'mirror' | 'reflect';
const FILL_MODES: FillMode[] = ['constant', 'nearest', 'wrap', 'mirror', 'reflect'];

export function checkFillMode(fillMode: string, op: string): FillMode {
  if (!FILL_MODES.includes(fillMode as FillMode)) throw new RangeError(`ops.image.${op}: fillMode must be one of ${FILL_MODES.join(', ')}; received "${fillMode}".`);
  return fillMode as FillMode;
}

/** Where an out-of-range index reads from, per fill mode (Keras's torch `_INDEX_FIXERS`). */
function fixIndex(index: tf.Tensor, size: number, fillMode: FillMode): tf.Tensor {
  const int = (v: number) => tf.scalar(v, 'int32');
  const mirror = (i: tf.Tensor, n: number) => {
    const s = n - 1;
    return tf.abs(tf.sub(tf.mod(tf.add(i, int(s)), int(2 * s)), int(s)));
  };
  switch (fillMode) {
    case 'constant':
    case 'nearest':
      return tf.clipByValue(index, 0, size - 1);
    case 'wrap':
      return tf.mod(index, int(size));
    case 'mirror':
      return size === 1 ? tf.zerosLike(index) : mirror(index, size);
    case 'reflect':
      return tf.floorDiv(tf.sub(mirror(tf.add(tf.mul(index, int(2)), int(1)), 2 * size + 1), int(1)), int(2));
  }
}

/** One coordinate axis: sampled at `values`, or `exact` (integer positions such as a batch or channel index). */
export interface SampleAxis {
  values: tf.Tensor;
  exact?: boolean;
}

/**
 * Samples `x` at the given coordinates (one per axis of x, all of one shape) with order 0 (nearest, half to even)
 * or 1 (linear), out-of-range reads resolved by `fillMode`: Keras's torch `map_coordinates`, batched.
 */
export function sample(x: tf.Tensor, axes: SampleAxis[], order: 0 | 1, fillMode: FillMode, fillValue: number): tf.Tensor {
  type Node = { index: tf.Tensor; weight: tf.Tensor | null; valid: tf.Tensor | null };
  const perAxis: Node[][] = axes.map(({ values, exact }, d) => {
    const size = x.shape[d];
    const check = (index: tf.Tensor) => (fillMode === 'constant' ? tf.logicalAnd(tf.greaterEqual(index, 0), tf.less(index, size)) : null);
    if (exact || values.dtype === 'int32') {
      const index = tf.cast(values, 'int32');
      return [{ index: exact ? index : fixIndex(index, size, fillMode), weight: null, valid: exact ? null : check(index) }];
    }
    if (order === 0) {
      const index = tf.cast(tf.round(values), 'int32');
      return [{ index: fixIndex(index, size, fillMode), weight: null, valid: check(index) }];
    }
    const lower = tf.floor(values);
    const upperWeight = tf.sub(values, lower);
    const index = tf.cast(lower, 'int32');
    const next = tf.add(index, tf.scalar(1, 'int32'));
    return [
      { index: fixIndex(index, size, fillMode), weight: tf.sub(1, upperWeight), valid: check(index) },
      { index: fixIndex(next, size, fillMode), weight: upperWeight, valid: check(next) },
    ];
  });
  const source = x.dtype === 'bool' ? tf.cast(x, 'int32') : x;
  let combos: Node[][] = [[]];
  for (const nodes of perAxis) combos = combos.flatMap((combo) => nodes.map((node) => [...combo, node]));
  const parts = combos.map((combo) => {
    let value: tf.Tensor = tf.cast(tf.gatherND(source, tf.stack(combo.map((n) => n.index), -1)), 'float32');
    const validity = combo.map((n) => n.valid).filter((v): v is tf.Tensor => v !== null);
    if (validity.length > 0) value = tf.where(validity.reduce((a, b) => tf.logicalAnd(a, b)), value, tf.fill(value.shape, fillValue));
    for (const node of combo) if (node.weight !== null) value = tf.mul(value, node.weight);
    return value;
  });
  const total = parts.length === 1 ? parts[0] : tf.addN(parts);
  return x.dtype === 'float32' ? total : tf.cast(tf.round(total), x.dtype);
}

export interface MapCoordinatesOptions {
  /** How to read outside the input: 'constant' (fillValue, the default), 'nearest', 'wrap', 'mirror' or 'reflect'. */
  fillMode?: FillMode;
  /** The value read outside the input in 'constant' mode. Default 0. */
  fillValue?: number;
}

/**
 * `ops.image.mapCoordinates(inputs, coordinates, order, { fillMode, fillValue })`: `inputs` sampled at
 * `coordinates` (shape [inputs.rank, ...out]), with order 0 (nearest) or 1 (linear), as scipy's map_coordinates.
 */
export const mapCoordinates = /* @__PURE__ */ defineOp({ name: 'map_coordinates', module: 'image' }, function mapCoordinates(
  inputs: TensorLike,
  coordinates: TensorLike | tf.Tensor[],
  order: number,
  options: MapCoordinatesOptions = {},
): tf.Tensor {
  const fillMode = checkFillMode(options.fillMode ?? 'constant', 'mapCoordinates');
  if (order !== 0 && order !== 1) throw new RangeError(`ops.image.mapCoordinates: order must be 0 or 1; received ${order}.`);
  return tf.tidy(() => {
    const x = toTensor(inputs);
    const axes = Array.isArray(coordinates) && coordinates.some((c) => c instanceof tf.Tensor) ? (coordinates as unknown[]).map((c) => toTensor(c as TensorLike)) : tf.unstack(toTensor(coordinates as TensorLike));
    if (axes.length !== x.rank) {
      throw new RangeError(`ops.image.mapCoordinates: the first dimension of coordinates must equal the rank of inputs (${x.rank}); received ${axes.length}.`);
    }
    if (axes[0].rank < 1) throw new RangeError('ops.image.mapCoordinates: invalid coordinates rank: expected at least rank 2.');
    return sample(
      x,
      axes.map((values) => ({ values })),
      order,
      fillMode,
      options.fillValue ?? 0,
    );
  });
});
