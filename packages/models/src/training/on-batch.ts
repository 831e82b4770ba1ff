import * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from '@strata/backend';
import type { Model } from '../model';
import { type DataInput, type TargetInput, checkCardinality, toTensorList } from './data';
import { checkSampleCount } from './arguments';
import { castInputs, checkModelData } from './inputs';
import { readLogs, requireCompiled, resetMetrics, testStep, trainStep } from './step';

function logsToResult(logs: Record<string, number>): number | number[] {
  const { loss, ...metrics } = logs;
  const values = Object.values(metrics);
  return values.length === 0 ? loss : [loss, ...values];
}

async function withTensors<T>(
  model: Model,
  method: string,
  x: DataInput,
  y: TargetInput,
  body: (xs: tf.Tensor[], ys: tf.Tensor[]) => Promise<T>): Promise<T> {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    const ys = toTensorList(y, 'y', created);
    const count = checkCardinality([
      { name: 'x', tensors: xs },
      { name: 'y', tensors: ys },
    ]);
    checkSampleCount(method, count);
    checkModelData(model, xs, ys);
    return await body(xs, ys);
  } finally {
    created.forEach((t) => t.dispose());
  }
}

/** One gradient step on one batch; returns the loss (and metrics) of that batch, as Keras's train_on_batch. */
export async function trainOnBatch(model: Model, x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor): Promise<number | number[]> {
  requireCompiled(model);
  await ensureGradients();
  return withTensors(model, 'trainOnBatch', x, y, async (xs, ys) => {
    resetMetrics(model);
    trainStep(model, xs, ys, sampleWeight ?? null);
    return logsToResult(await readLogs(model));
  });
}

export async function testOnBatch(model: Model, x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor): Promise<number | number[]> {
  requireCompiled(model);
  return withTensors(model, 'testOnBatch', x, y, async (xs, ys) => {
    resetMetrics(model);
    testStep(model, xs, ys, sampleWeight ?? null);
    return logsToResult(await readLogs(model));
  });
}

export function predictOnBatch(model: Model, x: DataInput): tf.Tensor | tf.Tensor[] {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    checkCardinality([{ name: 'x', tensors: xs }]);
    checkModelData(model, xs, null);
    // An empty batch gives empty outputs, as Keras's predict_on_batch.
    return tf.tidy(() => {
      const inputs = castInputs(model, xs);
      return model.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false });
    });
  } finally {
    created.forEach((t) => t.dispose());
  }
}
