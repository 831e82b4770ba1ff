// Keras's CTC loss (keras.ops.nn.ctc_loss): the forward algorithm of Graves et al. (2006) in log space, one
// vectorized step per time step, over the whole batch.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { floatInput } from './nn-utils';

export interface CtcLossOptions {
  /** The blank label's index. Default 0. */
  maskIndex?: number;
}

/**
 * log(exp(a) + exp(b) + ...) element-wise, -inf when every term is -inf. Where every term is -inf the log is
 * taken of 1 and then replaced: log(0) would be right in value but its gradient (1/0 times exp's 0) is NaN,
 * and that NaN would reach every logit through the recursion.
 */
function logAddExp(...terms: tf.Tensor[]): tf.Tensor {
  const top = terms.reduce((a, b) => tf.maximum(a, b));
  const finite = tf.isFinite(top);
  const safe = tf.where(finite, top, tf.zerosLike(top));
  const total = terms.map((t) => tf.exp(tf.sub(t, safe))).reduce((a, b) => tf.add(a, b));
  const logTotal = tf.log(tf.where(finite, total, tf.onesLike(total)));
  return tf.where(finite, tf.add(safe, logTotal), tf.fill(top.shape, Number.NEGATIVE_INFINITY));
}

/** `x` moved right by `by` positions along its last axis, -inf filling the start. */
function shiftRight(x: tf.Tensor, by: number): tf.Tensor {
  const [batch, length] = x.shape;
  if (by >= length) return tf.fill([batch, length], Number.NEGATIVE_INFINITY);
  return tf.concat([tf.fill([batch, by], Number.NEGATIVE_INFINITY), tf.slice(x, [0, 0], [batch, length - by])], 1);
}

/**
 * `ops.ctc_loss(target, output, targetLength, outputLength, {maskIndex})`: the negative log-likelihood of each
 * (batch_size, max_label_length) label sequence under the (batch_size, max_time, num_classes) logits, as torch's
 * ctc_loss computes it without reduction (an impossible alignment gives +inf).
 */
export const ctcLoss = /* @__PURE__ */ defineOp({ name: 'ctc_loss', module: 'nn' }, function ctcLoss(
  target: TensorLike,
  output: TensorLike,
  targetLength: TensorLike,
  outputLength: TensorLike,
  options: CtcLossOptions = {},
): tf.Tensor {
  const blank = options.maskIndex ?? 0;
  return tf.tidy(() => {
    const labels = toTensor(target, 'int32');
    const logits = floatInput(output);
    if (logits.rank !== 3 || labels.rank !== 2 || labels.shape[0] !== logits.shape[0]) {
      throw new RangeError(`ctc_loss: target must be (batch, max_length) and output (batch, time, classes) with the same batch; received target.shape=[${labels.shape}], output.shape=[${logits.shape}].`);
    }
    const [batch, time] = logits.shape;
    const labelCount = labels.shape[1] as number;
    const extendedLength = 2 * labelCount + 1;
    // The labels with a blank before, between and after them: l' of Graves et al.
    const blanks = tf.fill([batch, labelCount], blank, 'int32');
    const extended = tf.concat([tf.reshape(tf.stack([blanks, labels], 2), [batch, 2 * labelCount]), tf.fill([batch, 1], blank, 'int32')], 1);
    const emissions = tf.gather(tf.logSoftmax(logits, -1), extended, 2, 1); // (batch, time, extended)
    // A path may skip the blank between two different labels.
    const skippable = tf.logicalAnd(tf.notEqual(extended, blank), tf.notEqual(extended, tf.concat([tf.fill([batch, 2], -1, 'int32'), tf.slice(extended, [0, 0], [batch, extendedLength - 2])], 1)));
    const positions = tf.range(0, extendedLength, 1, 'int32');
    const emissionAt = (t: number) => tf.reshape(tf.slice(emissions, [0, t, 0], [batch, 1, extendedLength]), [batch, extendedLength]);
    const start = tf.less(positions, 2);
    let alpha = tf.where(tf.broadcastTo(start, [batch, extendedLength]), emissionAt(0), tf.fill([batch, extendedLength], Number.NEGATIVE_INFINITY));
    const lengths = toTensor(outputLength, 'int32');
    for (let t = 1; t < time; t++) {
      const previous = alpha;
      alpha = tf.tidy(() => {
        const skip = tf.where(skippable, shiftRight(previous, 2), tf.fill([batch, extendedLength], Number.NEGATIVE_INFINITY));
        const next = tf.add(logAddExp(previous, shiftRight(previous, 1), skip), emissionAt(t));
        // A sequence shorter than `t` keeps its last alpha.
        return tf.where(tf.reshape(tf.greater(lengths, t), [batch, 1]), next, previous);
      });
      previous.dispose();
    }
    const ends = tf.mul(toTensor(targetLength, 'int32'), tf.scalar(2, 'int32'));
    const pick = (index: tf.Tensor) => {
      const onehot = tf.cast(tf.oneHot(index, extendedLength), 'bool');
      return tf.max(tf.where(onehot, alpha, tf.fill([batch, extendedLength], Number.NEGATIVE_INFINITY)), 1);
    };
    return tf.neg(logAddExp(pick(ends), pick(tf.sub(ends, tf.scalar(1, 'int32')))));
  });
});
