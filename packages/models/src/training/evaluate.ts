import { cappedSteps } from './limits';
import { CallbackList, type Callback } from '@strata/callbacks';
import type * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import { type BatchSource, datasetBatches, stepData, tensorBatches } from './batches';
import { ReturnedLogs } from './step-logs';
import { prepareCompiledMetrics } from './step-methods';
import { type DataInput, type TargetInput, checkCardinality, isDataset, toTensorList } from './data';
import { ValueError } from '../errors';
import { checkPositiveInteger, checkSampleCount } from './arguments';
import { checkModelData } from './inputs';
import { EVALUATE_OPTION_KEYS, checkEvaluateOptions, looksLikeOptions } from './option-keys';
import { batchLogs, readLogs, requireCompiled, resetMetrics, testStep } from './step';

export interface EvaluateArgs {
  batchSize?: number;
  verbose?: 0 | 1 | 2 | 'auto';
  sampleWeight?: tf.Tensor;
  steps?: number;
  callbacks?: Callback[];
  /** Return `{ loss, accuracy, ... }` instead of a number or a list. */
  returnDict?: boolean;
}

/**
 * What `evaluate` resolves to without `returnDict`, as Keras returns it: the list `[loss, ...metrics]`, or the loss
 * alone (a number) for a model with one output and no metrics.
 *
 * Which of the two is decided by `compile`, which a variable's type does not record, so the lone number is typed
 * as a list too: Keras's lines port without a cast, `const [loss, accuracy] = await model.evaluate(x, y)` and
 * `score[1]` alike. Treating the lone loss of a model without metrics as a list fails at run time (destructuring
 * throws a TypeError, `score[1]` is undefined), as it does with the float in Python; narrow with
 * `typeof scores === 'number'` (or `Array.isArray`) where a model may have no metrics.
 */
export type EvaluateResult = number[] | (number & readonly number[]);

/** Runs every batch through the test step (the model's own when overridden) and returns the logs (no val_ prefix). */
export async function runEvaluation(model: Model, source: BatchSource, callbacks: CallbackList | null): Promise<Record<string, number>> {
  resetMetrics(model);
  const overridden = model.overriddenSteps();
  const returned = overridden.testStep || overridden.computeMetrics ? new ReturnedLogs(model, 'testStep') : null;
  try {
    await callbacks?.onTestBegin();
    let step = 0;
    for await (const batch of source.batches()) {
      await callbacks?.onTestBatchBegin(step);
      try {
        if (returned) {
          prepareCompiledMetrics(model, batch.x, batch.y);
          returned.run(() => model.testStep(stepData(batch)));
        }
        else testStep(model, batch.x, batch.y, batch.sampleWeight);
      } finally {
        batch.dispose();
      }
      await callbacks?.onTestBatchEnd(step, returned ? await returned.batchLogs() : await batchLogs(model));
      step++;
    }
    if (step === 0) throw new ValueError('evaluate() received no samples: the evaluation data yielded no batch.');
    const logs = returned ? await returned.read() : await readLogs(model);
    await callbacks?.onTestEnd(logs);
    return logs;
  } finally {
    returned?.dispose();
  }
}

/**
 * Keras's evaluate: the loss alone when there are no metrics, else
 * `[loss, ...metrics]` in compile order, or a dict with `returnDict`.
 */
export async function evaluateModel(
  model: Model,
  x: DataInput,
  yOrArgs: TargetInput | EvaluateArgs | undefined,
  maybeArgs: EvaluateArgs,
): Promise<EvaluateResult | Record<string, number>> {
  requireCompiled(model);
  const datasetInput = isDataset(x);
  // Options in the place of targets: a Dataset's, or a misplaced or misspelt object (`{ batch_size }`), checked below.
  const optionsSecond =
    yOrArgs !== undefined && (datasetInput || (isPlainObject(yOrArgs) && looksLikeOptions(yOrArgs, EVALUATE_OPTION_KEYS)));
  const args = optionsSecond ? (yOrArgs as EvaluateArgs) : maybeArgs;
  checkEvaluateOptions(args);
  if (optionsSecond && !datasetInput) {
    throw new ValueError('evaluate() received options in the place of the targets `y`; expected evaluate(x, y, options) when `x` is not a Dataset.');
  }
  checkPositiveInteger('evaluate', 'batchSize', args.batchSize);
  checkPositiveInteger('evaluate', 'steps', args.steps);
  const steps = cappedSteps(args.steps);
  const created: tf.Tensor[] = [];
  try {
    let source: BatchSource;
    if (datasetInput) {
      source = datasetBatches(x, steps ?? null);
    } else {
      if (yOrArgs === undefined) throw new ValueError('evaluate() needs targets `y` when `x` is not a Dataset.');
      const xs = toTensorList(x, 'x', created);
      const ys = toTensorList(yOrArgs, 'y', created);
      const count = checkCardinality([
        { name: 'x', tensors: xs },
        { name: 'y', tensors: ys },
        ...(args.sampleWeight ? [{ name: 'sample_weight', tensors: [args.sampleWeight] }] : []),
      ]);
      checkSampleCount('evaluate', count);
      checkModelData(model, xs, ys);
      source = tensorBatches(xs, ys, args.sampleWeight ?? null, args.batchSize ?? 32, false, Math.random, steps);
    }
    const verbose = args.verbose === 'auto' || args.verbose === undefined ? 1 : args.verbose;
    const callbacks = new CallbackList(args.callbacks ?? [], {
      addHistory: false,
      addProgbar: verbose !== 0,
      model,
      verbose,
      epochs: 1,
      steps: source.steps,
    });
    const logs = await runEvaluation(model, source, callbacks);
    if (args.returnDict) return logs;
    // Loss first, then the metrics, as logged; a single value alone (a custom testStep's logs in their order).
    const values = Object.values(logs);
    // The lone loss is typed as a list too, only so that Keras's lines type-check (see EvaluateResult).
    return values.length === 1 ? (values[0] as unknown as EvaluateResult) : values;
  } finally {
    for (const tensor of created) tensor.dispose();
  }
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
