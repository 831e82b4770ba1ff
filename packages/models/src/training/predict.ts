import { cappedSteps } from './limits';
import { type Callback, CallbackList } from '@strata/callbacks';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import { ValueError } from '../errors';
import { checkPositiveInteger, checkSampleCount } from './arguments';
import { sliceRows } from '@strata/backend';
import { type DataInput, checkCardinality, isDataset, toTensorList, unpackBatch } from './data';
import { castInputs, checkModelData } from './inputs';
import { asList } from './step';
import { checkPredictOptions } from './option-keys';

export interface PredictArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  steps?: number;
  callbacks?: Callback[];
}

/** One batch through the model, or through its own `predictStep` when a subclass overrides it. */
export function runPredictBatch(model: Model, x: tf.Tensor[]): tf.Tensor[] {
  const custom = model.overriddenSteps().predictStep;
  return tf.tidy(() => {
    if (custom) return asList(model.predictStep([x.length === 1 ? x[0] : x]));
    const inputs = castInputs(model, x);
    return asList(model.apply(inputs.length === 1 ? inputs[0] : inputs, { training: false }));
  });
}

/** Predicts batch by batch and concatenates the outputs; the caller owns the result. */
export async function predictModel(model: Model, x: DataInput, args: PredictArgs): Promise<tf.Tensor | tf.Tensor[]> {
  checkPredictOptions(args);
  checkPositiveInteger('predict', 'batchSize', args.batchSize);
  checkPositiveInteger('predict', 'steps', args.steps);
  const steps = cappedSteps(args.steps);
  const created: tf.Tensor[] = [];
  const perOutput: tf.Tensor[][] = [];
  // Keras prints a progress bar for predict too, but only with verbose 1 set explicitly is it worth it here.
  const verbose = args.verbose === 'auto' || args.verbose === undefined ? 0 : args.verbose;
  const callbacks = new CallbackList(args.callbacks ?? [], {
    addHistory: false,
    addProgbar: verbose !== 0,
    model,
    verbose,
    epochs: 1,
    steps: null,
  });
  const collect = (outputs: tf.Tensor[]) =>
    outputs.forEach((o, i) => {
      perOutput[i] ??= [];
      perOutput[i].push(o);
    });
  try {
    await callbacks.onPredictBegin();
    let step = 0;
    if (isDataset(x)) {
      const iterator = x[Symbol.asyncIterator]();
      while (steps === undefined || step < steps) {
        const next = await iterator.next();
        if (next.done) break;
        const { x: batch, y, sampleWeight } = unpackBatch(next.value);
        await callbacks.onPredictBatchBegin(step);
        collect(runPredictBatch(model, batch));
        [...batch, ...(y ?? []), ...(sampleWeight ? [sampleWeight] : [])].forEach((t) => t.dispose());
        await callbacks.onPredictBatchEnd(step);
        step++;
      }
      await iterator.return?.();
      if (step === 0) throw new ValueError('predict() received no samples: the Dataset yielded no batch.');
    } else {
      const xs = toTensorList(x, 'x', created);
      const count = checkCardinality([{ name: 'x', tensors: xs }]);
      checkSampleCount('predict', count);
      checkModelData(model, xs, null);
      const batchSize = args.batchSize ?? 32;
      for (let start = 0; start < count && (steps === undefined || step < steps); start += batchSize) {
        await callbacks.onPredictBatchBegin(step);
        const batch = sliceRows(xs, start, Math.min(batchSize, count - start));
        collect(runPredictBatch(model, batch));
        batch.forEach((t) => t.dispose());
        await callbacks.onPredictBatchEnd(step);
        step++;
      }
    }
    await callbacks.onPredictEnd();
    const results = perOutput.map((parts) => (parts.length === 1 ? parts[0] : tf.concat(parts, 0)));
    perOutput.forEach((parts) => {
      if (parts.length > 1) parts.forEach((t) => t.dispose());
    });
    return results.length === 1 ? results[0] : results;
  } finally {
    for (const tensor of created) tensor.dispose();
  }
}
