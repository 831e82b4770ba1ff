import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from '@strata/backend';
import type { Model } from '../model';
import { type DataInput, type TargetInput, checkCardinality, toTensorList } from './data';
import { readLogs, resetMetrics, testStep, trainStep } from './step';

function logsToResult(logs: Record<string, number>): number | number[] {
  const { loss, ...metrics } = logs;
  const values = Object.values(metrics);
  return values.length === 0 ? loss : [loss, ...values];
}

async function withTensors<T>(x: DataInput, y: TargetInput, body: (xs: tf.Tensor[], ys: tf.Tensor[]) => Promise<T>): Promise<T> {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    const ys = toTensorList(y, 'y', created);
    checkCardinality([
      { name: 'x', tensors: xs },
      { name: 'y', tensors: ys },
    ]);
    return await body(xs, ys);
  } finally {
    created.forEach((t) => t.dispose());
  }
}

/** One gradient step on one batch; returns the loss (and metrics) of that batch, as Keras's train_on_batch. */
export async function trainOnBatch(model: Model, x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor): Promise<number | number[]> {
  await ensureGradients();
  return withTensors(x, y, async (xs, ys) => {
    resetMetrics(model);
    trainStep(model, xs, ys, sampleWeight ?? null);
    return logsToResult(await readLogs(model));
  });
}

export async function testOnBatch(model: Model, x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor): Promise<number | number[]> {
  return withTensors(x, y, async (xs, ys) => {
    resetMetrics(model);
    testStep(model, xs, ys, sampleWeight ?? null);
    return logsToResult(await readLogs(model));
  });
}

export function predictOnBatch(model: Model, x: DataInput): tf.Tensor | tf.Tensor[] {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    return tf.tidy(() => model.apply(xs.length === 1 ? xs[0] : xs, { training: false }));
  } finally {
    created.forEach((t) => t.dispose());
  }
}
