import { sparseLabelCheck } from '@strata/backend';
import type { Loss } from '@strata/losses';
import * as tf from '@tensorflow/tfjs-core';
import { ValueError } from '../errors';

/**
 * The range check of sparse categorical labels, made on the device in the
 * training and test steps and read only with the logs.
 *
 * Keras's torch backend raises at the offending batch ("Target 7 is out of
 * bounds.", from `nll_loss`); tfjs's oneHot instead gives an all-zero row for
 * such a label, so the loss trains silently on garbage (and can be negative).
 * Reading the labels back on every batch would stall the pipeline, so each
 * step folds its batch into a two-number state on the device, [count of
 * labels out of range, first such value], and the error is raised when the
 * logs are next read: at the latest at the end of the epoch, of evaluate, or
 * of a train/test-on-batch call. A fractional label (1.7) is refused too:
 * Keras's torch backend silently truncates it to class 1, but a label that is
 * not a whole number is a mistake in the data, and issue 18 asks for it by name.
 * The fold itself is @strata/backend's `sparseLabelCheck` op.
 */
/** One sparse categorical loss's label check (one per model output that has such a loss). */
export class SparseLabelCheck {
  // Made in a tidy so that the initial zeros do not outlive the variable's creation.
  private readonly state = tf.tidy(() => tf.variable(tf.zeros([2]), false));
  private classes = 0;

  constructor(
    private readonly loss: Loss,
    private readonly outputName: string,
  ) {}

  /** Folds a batch's labels into the state; call inside the step's tidy. */
  update(yTrue: tf.Tensor, yPred: tf.Tensor): void {
    const attrs = this.loss.classLabelCheck(yPred);
    if (attrs === null) return;
    this.classes = attrs.classes;
    const next = sparseLabelCheck(yTrue, this.state, attrs);
    this.state.assign(next);
  }

  /** The state on the device, [count, first value], read together with the logs. */
  get tensor(): tf.Tensor {
    return this.state;
  }

  /** Throws Keras's error when the state read back holds an offending label. */
  throwIfInvalid(count: number, value: number): void {
    if (count === 0) return;
    const problem = Number.isFinite(value) && !Number.isInteger(value) ? 'is not an integer class id' : 'is out of bounds';
    // The label was read back as float32: show it as it was written (1.7, not 1.7000000476837158).
    const shown = Number.isFinite(value) ? Number(value.toPrecision(7)) : value;
    throw new ValueError(
      `Target ${shown} ${problem}: the loss "${this.loss.name}" of output "${this.outputName}" expects integer class ids in [0, ${this.classes}), ` +
        `and ${count} label(s) seen since the metrics were last reset were not class ids in that range.`,
    );
  }

  reset(): void {
    tf.tidy(() => this.state.assign(tf.zeros([2])));
  }

  dispose(): void {
    this.state.dispose();
  }
}
