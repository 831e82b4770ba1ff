// keras.ops.numpy's einsum for any subscripts: repeated labels become diagonals, labels no one else needs are
// summed early, and operands combine pairwise as one batched matrix product each (tfjs's own einsum handles only
// a few patterns).
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { resultType } from '../core/dtypes';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { castTo, sizeOf } from './array-helpers';
import { batchMatMul } from './products';

/** A tensor whose axes carry einsum labels, one each. */
interface Labeled {
  tensor: tf.Tensor;
  labels: string[];
}

// Ellipsis dimensions get labels outside the letters a subscript may use.
const ellipsisLabel = (i: number) => `…${i}`;

function parse(subscripts: string, ranks: number[]): [string[][], string[]] {
  const compact = subscripts.replace(/\s/g, '');
  const [left, right] = compact.includes('->') ? compact.split('->') : [compact, null];
  const terms = left.split(',');
  if (terms.length !== ranks.length) throw new RangeError(`ops.einsum: "${subscripts}" names ${terms.length} operands; received ${ranks.length}.`);
  let ellipsisRank = 0;
  const expand = (term: string, rank: number | null): string[] => {
    const parts = term.split('...');
    if (parts.length > 2) throw new RangeError(`ops.einsum: "${term}" holds more than one ellipsis.`);
    for (const ch of parts.join('')) if (!/[a-zA-Z]/.test(ch)) throw new RangeError(`ops.einsum: invalid subscript "${ch}" in "${subscripts}".`);
    if (parts.length === 1) {
      if (rank !== null && term.length !== rank) throw new RangeError(`ops.einsum: "${term}" has ${term.length} labels for an operand of ${rank} dimensions.`);
      return [...term];
    }
    const count = rank === null ? ellipsisRank : rank - parts[0].length - parts[1].length;
    if (count < 0) throw new RangeError(`ops.einsum: "${term}" has more labels than its operand's ${rank} dimensions.`);
    ellipsisRank = Math.max(ellipsisRank, count);
    return [...parts[0], ...Array.from({ length: count }, (_, i) => ellipsisLabel(ellipsisRank - count + i)), ...parts[1]];
  };
  const inputs = terms.map((term, i) => expand(term, ranks[i]));
  // Ellipsis labels are right-aligned across operands: renumber them once the widest ellipsis is known.
  const fixed = inputs.map((labels) => {
    const count = labels.filter((l) => l.startsWith('…')).length;
    let k = 0;
    return labels.map((l) => (l.startsWith('…') ? ellipsisLabel(ellipsisRank - count + k++) : l));
  });
  let output: string[];
  if (right === null) {
    const letters = fixed.flat().filter((l) => !l.startsWith('…'));
    const once = [...new Set(letters)].filter((l) => letters.indexOf(l) === letters.lastIndexOf(l)).sort();
    output = [...Array.from({ length: ellipsisRank }, (_, i) => ellipsisLabel(i)), ...once];
  } else {
    output = right.includes('...')
      ? [...right.split('...')[0], ...Array.from({ length: ellipsisRank }, (_, i) => ellipsisLabel(i)), ...right.split('...')[1]]
      : [...right];
    const known = new Set(fixed.flat());
    for (const label of output) if (!known.has(label)) throw new RangeError(`ops.einsum: output label "${label}" of "${subscripts}" names no input axis.`);
    if (new Set(output).size !== output.length) throw new RangeError(`ops.einsum: "${subscripts}" repeats an output label.`);
  }
  return [fixed, output];
}

/** Takes the diagonal of every label an operand repeats. */
function diagonals({ tensor, labels }: Labeled): Labeled {
  let t = tensor;
  let ls = [...labels];
  for (let i = 0; i < ls.length; i++) {
    const j = ls.indexOf(ls[i], i + 1);
    if (j < 0) continue;
    if (t.shape[i] !== t.shape[j]) throw new RangeError(`ops.einsum: label "${ls[i]}" has sizes ${t.shape[i]} and ${t.shape[j]}.`);
    const rest = ls.map((_, a) => a).filter((a) => a !== i && a !== j);
    const moved = tf.transpose(t, [...rest, i, j]);
    t = tf.sum(tf.mul(moved, tf.eye(t.shape[i])), -1);
    ls = [...rest.map((a) => ls[a]), ls[i]];
    i = -1;
  }
  return { tensor: t, labels: ls };
}

/** Sums the axes whose labels appear in no other operand and not in the output. */
function sumUnneeded(operand: Labeled, keep: Set<string>): Labeled {
  const axes = operand.labels.flatMap((l, a) => (keep.has(l) ? [] : [a]));
  if (axes.length === 0) return operand;
  return { tensor: tf.sum(operand.tensor, axes), labels: operand.labels.filter((l) => keep.has(l)) };
}

/** One batched matrix product of two operands; labels shared and still needed stay as batch axes. */
function combine(a: Labeled, b: Labeled, keep: Set<string>): Labeled {
  const shared = a.labels.filter((l) => b.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  const summed = shared.filter((l) => !keep.has(l));
  const freeA = a.labels.filter((l) => !shared.includes(l));
  const freeB = b.labels.filter((l) => !shared.includes(l));
  const size = (op: Labeled, l: string) => op.tensor.shape[op.labels.indexOf(l)];
  const dim = (l: string) => {
    if (!b.labels.includes(l)) return size(a, l);
    if (!a.labels.includes(l)) return size(b, l);
    return size(a, l) === 1 ? size(b, l) : size(a, l);
  };
  const arrange = (op: Labeled, order: string[]) =>
    tf.broadcastTo(tf.transpose(op.tensor, order.map((l) => op.labels.indexOf(l))), order.map((l) => (freeA.includes(l) || freeB.includes(l) ? size(op, l) : dim(l))));
  const left = tf.reshape(arrange(a, [...batch, ...freeA, ...summed]), [sizeOf(batch.map(dim)), sizeOf(freeA.map(dim)), sizeOf(summed.map(dim))]);
  const right = tf.reshape(arrange(b, [...batch, ...summed, ...freeB]), [sizeOf(batch.map(dim)), sizeOf(summed.map(dim)), sizeOf(freeB.map(dim))]);
  const product = batchMatMul(left, right, 'einsum');
  return { tensor: tf.reshape(product, [...batch, ...freeA, ...freeB].map(dim)), labels: [...batch, ...freeA, ...freeB] };
}

/**
 * `ops.einsum(subscripts, ...operands)`: Einstein summation with NumPy's subscripts, explicit (`"ij,jk->ik"`) or
 * implicit (`"ij,jk"`), with `...` for broadcast dimensions and repeated labels for diagonals. Operands share one
 * dtype (as torch requires), which the result keeps (integer and bool products are computed in float32).
 */
export const einsum = /* @__PURE__ */ defineOp({ name: 'einsum', module: 'numpy' }, function einsum(subscripts: string, ...operands: TensorLike[]): tf.Tensor {
  if (typeof subscripts !== 'string') throw new TypeError(`ops.einsum expects subscripts as a string; received ${typeof subscripts}.`);
  return tf.tidy(() => {
    const dtype = resultType(...operands);
    const dtypes = new Set(operands.map((x) => toTensor(x).dtype));
    if (dtypes.size > 1) throw new TypeError(`ops.einsum expects operands of one dtype, as torch does; received ${[...dtypes].join(' and ')}.`);
    const tensors = operands.map((x) => toTensor(x, 'float32'));
    const [inputs, output] = parse(subscripts, tensors.map((t) => t.rank));
    let pending: Labeled[] = tensors.map((tensor, i) => diagonals({ tensor, labels: inputs[i] }));
    const needed = (skip: number[]) => new Set([...output, ...pending.flatMap((op, i) => (skip.includes(i) ? [] : op.labels))]);
    pending = pending.map((op, i) => sumUnneeded(op, needed([i])));
    while (pending.length > 1) {
      const merged = combine(pending[0], pending[1], needed([0, 1]));
      pending = [merged, ...pending.slice(2)];
    }
    const last = sumUnneeded(pending[0], new Set(output));
    const result = tf.transpose(last.tensor, output.map((l) => last.labels.indexOf(l)));
    return castTo(result, dtype);
  });
});
