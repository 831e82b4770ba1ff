import { ctcLoss } from '@strata/ops/ctc';
import * as tf from '@tensorflow/tfjs-core';
import { Loss, type LossOptions } from './loss';

/** The blank label, which also pads `yTrue`: Keras's `ctc` fixes `mask_index` at 0. */
const BLANK = 0;

/**
 * `keras.losses.ctc`: the CTC loss of each sample. `yTrue` holds dense label
 * sequences `(batch, maxLabelLength)`, padded with 0 (the blank, so real
 * labels are 1..classes-1); `yPred` holds logits `(batch, time, classes)`,
 * batch-major, which are log-softmaxed inside. Every sample uses all time
 * steps, and its label length is its count of non-zero labels, as Keras
 * computes them.
 */
export function ctc(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  if (yTrue.rank !== 2) {
    throw new Error(`Targets \`yTrue\` are expected to be a tensor of shape \`(batch_size, max_length)\` in integer format. Received: yTrue.shape=[${yTrue.shape}].`);
  }
  if (yPred.rank !== 3) {
    throw new Error(`Logits \`yPred\` are expected to be a tensor of shape \`(batch_size, max_length, num_classes)\`. Received: yPred.shape=[${yPred.shape}].`);
  }
  return tf.tidy(() => {
    const [batch, time] = yPred.shape as number[];
    const labels = tf.cast(yTrue, 'int32');
    const labelLength = tf.sum(tf.cast(tf.notEqual(labels, BLANK), 'int32'), -1);
    const inputLength = tf.fill([batch], time, 'int32');
    return ctcLoss(labels, yPred, labelLength, inputLength, { maskIndex: BLANK });
  });
}

/** Keras's `CTC` loss class (Connectionist Temporal Classification). Its config is the base one: name and reduction. */
export class CTC extends Loss {
  static override className = 'CTC';

  constructor(options: LossOptions = {}) {
    super(options, 'ctc');
  }

  // Keras's LossFunctionWrapper would squeeze or expand ranks, but labels (rank 2) and logits (rank 3) differ by design.
  call(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
    return ctc(yTrue, yPred);
  }
}
