import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';

/** One side of a pattern: each entry is a named axis or a group of them written `(h w)`. */
function parseSide(side: string, pattern: string): string[][] {
  const groups: string[][] = [];
  const tokens = side.match(/\w+|\([^)]*\)/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('(')) {
      const inner = token.slice(1, -1).trim().split(/\s+/).filter(Boolean);
      if (inner.length === 0) throw new SyntaxError(`ops.rearrange: empty group "()" in pattern "${pattern}".`);
      groups.push(inner);
    } else groups.push([token]);
  }
  return groups;
}

/**
 * `ops.rearrange(tensor, pattern, axesLengths)`: einops-style reordering, Keras's subset of it: a pattern such as
 * `'b (h1 h) (w1 w) c -> (b h1 w1) h w c'` names every input axis, groups in parentheses split an input axis
 * (sizes of all but one member come from `axesLengths`) or merge output axes. Reshape, transpose, reshape.
 */
export const rearrange = /* @__PURE__ */ defineOp({ name: 'rearrange', module: 'einops' }, function rearrange(
  tensor: TensorLike,
  pattern: string,
  axesLengths: Record<string, number> = {},
): tf.Tensor {
  const sides = pattern.split(/\s*->\s*/);
  if (sides.length !== 2) throw new SyntaxError(`ops.rearrange: a pattern needs one "->"; received "${pattern}".`);
  const inputGroups = parseSide(sides[0], pattern);
  const outputGroups = parseSide(sides[1], pattern);
  return tf.tidy(() => {
    const x = toTensor(tensor);
    if (inputGroups.length !== x.rank) {
      throw new RangeError(`ops.rearrange: pattern "${pattern}" names ${inputGroups.length} input axes but the tensor has shape [${x.shape}].`);
    }
    const sizes = new Map<string, number>();
    inputGroups.forEach((group, i) => {
      if (group.length === 1) {
        sizes.set(group[0], x.shape[i]);
        return;
      }
      const unknown = group.filter((axis) => axesLengths[axis] === undefined);
      if (unknown.length > 1) throw new RangeError(`ops.rearrange: cannot infer the sizes of ${unknown.join(' and ')} in pattern "${pattern}"; give all but one in axesLengths.`);
      const known = group.filter((axis) => axesLengths[axis] !== undefined).reduce((product, axis) => product * axesLengths[axis], 1);
      for (const axis of group) sizes.set(axis, axesLengths[axis] ?? Math.floor(x.shape[i] / known));
      const total = group.reduce((product, axis) => product * (sizes.get(axis) as number), 1);
      if (total !== x.shape[i]) throw new RangeError(`ops.rearrange: axis ${i} of size ${x.shape[i]} cannot be split as (${group.join(' ')}) with sizes ${group.map((a) => sizes.get(a)).join('×')}.`);
    });
    const inputAxes = inputGroups.flat();
    const outputAxes = outputGroups.flat();
    for (const axis of outputAxes) {
      if (!inputAxes.includes(axis)) throw new RangeError(`ops.rearrange: output axis "${axis}" of pattern "${pattern}" is not an input axis.`);
    }
    if (outputAxes.length !== inputAxes.length) throw new RangeError(`ops.rearrange: pattern "${pattern}" must use every input axis once on the output side.`);
    const decomposed = tf.reshape(
      x,
      inputAxes.map((axis) => sizes.get(axis) as number),
    );
    const transposed = tf.transpose(
      decomposed,
      outputAxes.map((axis) => inputAxes.indexOf(axis)),
    );
    return tf.reshape(
      transposed,
      outputGroups.map((group) => group.reduce((product, axis) => product * (sizes.get(axis) as number), 1)),
    );
  });
});
