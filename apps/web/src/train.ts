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
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Report a point every this many batches. */
  reportEvery: number;
  onPoint(point: CurvePoint, kind: 'batch' | 'epoch'): void;
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

function pointFrom(epoch: number, logs: Logs | undefined): CurvePoint | null {
  if (logs === undefined || !('loss' in logs)) return null;
  return { epoch, loss: logs.loss, accuracy: logs.accuracy ?? logs.acc ?? Number.NaN };
}

export async function train(model: Sequential, x: tf.Tensor, y: tf.Tensor, options: TrainOptions): Promise<void> {
  const steps = Math.ceil(x.shape[0] / options.batchSize);
  let epoch = 0;
  const progress = new LambdaCallback({
    onEpochBegin: (index) => {
      epoch = index;
    },
    onTrainBatchEnd: (batch, logs) => {
      // Reading logs synchronises with the device, so only every `reportEvery` batches.
      if ((batch + 1) % options.reportEvery !== 0 || batch + 1 === steps) return;
      const point = pointFrom(epoch + (batch + 1) / steps, logs);
      if (point) options.onPoint(point, 'batch');
    },
    onEpochEnd: (index, logs) => {
      const point = pointFrom(index + 1, logs);
      if (point) options.onPoint(point, 'epoch');
    },
  });
  await model.fit(x, y, { epochs: options.epochs, batchSize: options.batchSize, verbose: 0, callbacks: [progress], seed: 1 });
}

/** Keras's `evaluate`: [loss, accuracy] on the given split. */
export async function evaluate(model: Sequential, x: tf.Tensor, y: tf.Tensor): Promise<{ loss: number; accuracy: number }> {
  const [loss, accuracy] = await model.evaluate(x, y, { batchSize: 250, verbose: 0 });
  return { loss, accuracy };
}
