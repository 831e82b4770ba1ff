/**
 * The model the page trains and the fit call, with a Strata callback that
 * reports the loss and accuracy every few batches and at each epoch's end.
 */
import { LambdaCallback, type Logs } from '@strata/callbacks';
import { Dense, Flatten } from '@strata/layers';
import { Sequential } from '@strata/models';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { type DigitSplit, IMAGE_SIZE } from './subset-format';

export interface CurvePoint {
  /** Fractional epoch: 1.5 is halfway through the second epoch. */
  epoch: number;
  loss: number;
  accuracy: number;
  /** Training batches, or the validation split at an epoch's end (Keras's `val_loss`, `val_accuracy`). */
  set: 'train' | 'validation';
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Report a point every this many batches. */
  reportEvery: number;
  /** Keras's `validation_split`: the fraction of the images held out for the validation curve. Default 0.1. */
  validationSplit?: number;
  onPoint(point: CurvePoint, kind: 'batch' | 'epoch'): void;
  /** Asked after every batch; true stops the training there (Keras's `model.stop_training`). */
  shouldStop?(): boolean;
}

export interface TrainResult {
  /** Epochs that ran; when stopped, the last one was cut short (Keras still ends it: validation, onEpochEnd). */
  epochs: number;
  /** True when `shouldStop` ended the training early. */
  stopped: boolean;
}

/** Images as float32 [count, 28, 28] in 0..1 and labels as int32 [count]; the caller disposes both. */
export function splitTensors(split: DigitSplit, count = split.count): [tf.Tensor3D, tf.Tensor1D] {
  const used = Math.min(count, split.count);
  return tf.tidy(() => {
    const pixels = tf.tensor3d(split.images.subarray(0, used * IMAGE_SIZE), [used, 28, 28], 'int32');
    return [tf.div(tf.cast(pixels, 'float32'), 255) as tf.Tensor3D, tf.tensor1d(split.labels.subarray(0, used), 'int32')];
  });
}

/** The Keras tutorial's MLP, with a softmax output so that predictions are probabilities. */
export function buildModel(): Sequential {
  const model = new Sequential([
    new Flatten({ inputShape: [28, 28] }),
    new Dense(128, { activation: 'relu' }),
    new Dense(10, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new Adam(), loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  return model;
}

function pointFrom(epoch: number, logs: Logs | undefined, set: CurvePoint['set']): CurvePoint | null {
  const prefix = set === 'validation' ? 'val_' : '';
  if (logs === undefined || !(`${prefix}loss` in logs)) return null;
  return { epoch, loss: logs[`${prefix}loss`], accuracy: logs[`${prefix}accuracy`] ?? logs[`${prefix}acc`] ?? Number.NaN, set };
}

export async function train(model: Sequential, x: tf.Tensor, y: tf.Tensor, options: TrainOptions): Promise<TrainResult> {
  const validationSplit = options.validationSplit ?? 0.1;
  const steps = Math.ceil(Math.floor(x.shape[0] * (1 - validationSplit)) / options.batchSize);
  let epoch = 0;
  let finished = 0;
  let stopped = false;
  const progress = new LambdaCallback({
    onEpochBegin: (index) => {
      epoch = index;
    },
    onTrainBatchEnd: (batch, logs) => {
      if (options.shouldStop?.()) {
        stopped = true;
        model.stopTraining = true;
      }
      // Reading logs synchronises with the device, so only every `reportEvery` batches.
      if ((batch + 1) % options.reportEvery !== 0 || batch + 1 === steps) return;
      const point = pointFrom(epoch + (batch + 1) / steps, logs, 'train');
      if (point) options.onPoint(point, 'batch');
    },
    onEpochEnd: (index, logs) => {
      finished = index + 1;
      for (const set of ['train', 'validation'] as const) {
        const point = pointFrom(index + 1, logs, set);
        if (point) options.onPoint(point, 'epoch');
      }
    },
  });
  await model.fit(x, y, { epochs: options.epochs, batchSize: options.batchSize, validationSplit, verbose: 0, callbacks: [progress], seed: 1 });
  return { epochs: finished, stopped };
}
