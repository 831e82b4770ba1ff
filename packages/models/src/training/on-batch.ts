import type * as tf from '@tensorflow/tfjs-core';
import { ensureGradients } from '@strata/backend';
import type { Model } from '../model';
import { type DataInput, type TargetInput, checkCardinality, toTensorList } from './data';
import { checkSampleCount } from './arguments';
import { stepData } from './batches';
import { checkModelData } from './inputs';
import { runPredictBatch } from './predict';
import { ReturnedLogs } from './step-logs';
import { prepareCompiledMetrics } from './step-methods';
import { type StepLogs, readLogs, requireCompiled, resetMetrics, testStep, trainStep } from './step';

function logsToResult(logs: Record<string, number>): number | number[] {
  const values = Object.values(logs);
  return values.length === 1 ? values[0] : values;
}

function customStep(model: Model, step: 'trainStep' | 'testStep'): boolean {
  const overridden = model.overriddenSteps();
  return overridden[step] || overridden.computeMetrics;
}

/** Runs an overridden step in one tidy and reads the logs it returned. */
async function readReturned(model: Model, method: string, step: () => StepLogs): Promise<Record<string, number>> {
  const returned = new ReturnedLogs(model, method);
  try {
    returned.run(step);
    return await returned.read();
  } finally {
    returned.dispose();
  }
}

async function withTensors<T>(
  model: Model,
  method: string,
  x: DataInput,
  y: TargetInput,
  sampleWeight: tf.Tensor | undefined,
  body: (xs: tf.Tensor[], ys: tf.Tensor[]) => Promise<T>,
): Promise<T> {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    const ys = toTensorList(y, 'y', created);
    const count = checkCardinality([
      { name: 'x', tensors: xs },
      { name: 'y', tensors: ys },
      ...(sampleWeight ? [{ name: 'sample_weight', tensors: [sampleWeight] }] : []),
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
  return withTensors(model, 'trainOnBatch', x, y, sampleWeight, async (xs, ys) => {
    resetMetrics(model);
    if (!customStep(model, 'trainStep')) {
      trainStep(model, xs, ys, sampleWeight ?? null);
      return logsToResult(await readLogs(model));
    }
    prepareCompiledMetrics(model, xs, ys);
    return logsToResult(await readReturned(model, 'trainStep', () => model.trainStep(stepData({ x: xs, y: ys, sampleWeight: sampleWeight ?? null }))));
  });
}

export async function testOnBatch(model: Model, x: DataInput, y: TargetInput, sampleWeight?: tf.Tensor): Promise<number | number[]> {
  requireCompiled(model);
  return withTensors(model, 'testOnBatch', x, y, sampleWeight, async (xs, ys) => {
    resetMetrics(model);
    if (!customStep(model, 'testStep')) {
      testStep(model, xs, ys, sampleWeight ?? null);
      return logsToResult(await readLogs(model));
    }
    prepareCompiledMetrics(model, xs, ys);
    return logsToResult(await readReturned(model, 'testStep', () => model.testStep(stepData({ x: xs, y: ys, sampleWeight: sampleWeight ?? null }))));
  });
}

export function predictOnBatch(model: Model, x: DataInput): tf.Tensor | tf.Tensor[] {
  const created: tf.Tensor[] = [];
  try {
    const xs = toTensorList(x, 'x', created);
    checkCardinality([{ name: 'x', tensors: xs }]);
    checkModelData(model, xs, null);
    // An empty batch gives empty outputs, as Keras's predict_on_batch.
    const outputs = runPredictBatch(model, xs);
    return outputs.length === 1 ? outputs[0] : outputs;
  } finally {
    created.forEach((t) => t.dispose());
  }
}
