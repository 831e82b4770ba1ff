// Keras's CTC decoding (keras.ops.nn.ctc_decode): greedy (best path) and beam search.
import * as tf from '@tensorflow/tfjs-core';
import { defineOp } from '../core/define-op';
import { type TensorLike, toTensor } from '../core/tensor-like';
import { ctcBeamSearch } from './ctc-beam-search';
import { floatInput } from './nn-utils';

export interface CtcDecodeOptions {
  /** "greedy" (the default) or "beam_search". */
  strategy?: string;
  /** The beams kept per step of a beam search. Default 100. */
  beamWidth?: number;
  /** How many sequences a beam search returns. Default 1. */
  topPaths?: number;
  /** Whether greedy decoding merges repeated labels. Default true. */
  mergeRepeated?: boolean;
  /** The blank label's index; null means the last class. Default 0. */
  maskIndex?: number | null;
}

function greedy(inputs: tf.Tensor, lengths: tf.Tensor, mergeRepeated: boolean, blank: number): [tf.Tensor, tf.Tensor] {
  const [batch, time] = inputs.shape;
  const outside = tf.greaterEqual(tf.reshape(tf.range(0, time, 1, 'int32'), [1, time]), tf.reshape(lengths, [batch, 1]));
  let indices = tf.where(outside, tf.scalar(blank, 'int32'), tf.cast(tf.argMax(inputs, -1), 'int32'));
  const scores = tf.where(outside, tf.scalar(0), tf.max(inputs, -1));
  if (mergeRepeated && time > 1) {
    const repeat = tf.equal(tf.slice(indices, [0, 1], [batch, time - 1]), tf.slice(indices, [0, 0], [batch, time - 1]));
    const repeated = tf.concat([tf.zeros([batch, 1], 'bool'), repeat], 1);
    indices = tf.where(repeated, tf.scalar(blank, 'int32'), indices);
  }
  const invalid = tf.equal(indices, blank);
  const labels = tf.where(invalid, tf.scalar(-1, 'int32'), indices);
  // Moves the kept labels to the front in their order; the -1s (all alike) fill the end.
  const order = tf.where(invalid, tf.scalar(time, 'int32'), tf.broadcastTo(tf.range(0, time, 1, 'int32'), [batch, time]));
  const ascending = tf.topk(tf.neg(order), time, true).indices;
  const compacted = tf.gather(labels, ascending, 1, 1);
  return [tf.expandDims(compacted, 0), tf.neg(tf.sum(scores, 1, true))];
}

/**
 * `ops.ctc_decode(inputs, sequenceLengths, {strategy, beamWidth, topPaths, mergeRepeated, maskIndex})`: decodes
 * (batch, time, classes) logits. Returns [paths, scores]: greedy gives (1, batch, time) label paths padded with -1 and
 * (batch, 1) negated sums of the best logits; beam search gives (topPaths, batch, time) paths and (batch, topPaths)
 * log-probabilities.
 */
export const ctcDecode = /* @__PURE__ */ defineOp({ name: 'ctc_decode', module: 'nn' }, function ctcDecode(
  inputs: TensorLike,
  sequenceLengths: TensorLike,
  options: CtcDecodeOptions = {},
): [tf.Tensor, tf.Tensor] {
  const strategy = options.strategy ?? 'greedy';
  if (strategy !== 'greedy' && strategy !== 'beam_search') {
    throw new RangeError(`ctc_decode: invalid strategy "${strategy}"; supported values are "greedy" and "beam_search".`);
  }
  return tf.tidy(() => {
    const logits = floatInput(inputs);
    if (logits.rank !== 3) throw new RangeError(`ctc_decode: inputs must be (batch, time, classes); received shape [${logits.shape}].`);
    const lengths = toTensor(sequenceLengths, 'int32');
    const classes = logits.shape[2] as number;
    const blank = options.maskIndex === undefined ? 0 : (options.maskIndex ?? classes - 1);
    if (strategy === 'greedy') return greedy(logits, lengths, options.mergeRepeated ?? true, blank);
    return ctcBeamSearch(tf.logSoftmax(logits, -1), lengths, options.beamWidth ?? 100, options.topPaths ?? 1, blank);
  });
});
