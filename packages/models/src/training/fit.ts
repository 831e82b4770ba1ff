import { type Callback, CallbackList, type History } from '@strata/callbacks';
import { ensureGradients, sliceRows } from '@strata/backend';
import { drawDefaultSeed } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import { type BatchSource, datasetBatches, tensorBatches } from './batches';
import { type DataInput, type TargetInput, checkCardinality, isDataset, mulberry32, toTensorList } from './data';
import { runEvaluation } from './evaluate';
import { ReturnedLogs } from './step-logs';
import { prepareCompiledMetrics } from './step-methods';
import { stepData } from './batches';
import { batchLogs, readLogs, requireCompiled, resetMetrics, trainStep } from './step';
import { classWeightsToSampleWeights } from './class-weight';
import { checkNonNegativeInteger, checkPositiveInteger, checkSampleCount, checkValidationSplit } from './arguments';
import { checkModelData } from './inputs';
import { ValueError } from '../errors';
import { cappedEpochs, cappedSteps } from './limits';
import { FIT_OPTION_KEYS, checkFitOptions, looksLikeOptions } from './option-keys';

export interface FitArgs {
  epochs?: number;
  batchSize?: number;
  /** 0 silent, 1 progress bar, 2 one line per epoch; 'auto' is 1. */
  verbose?: 0 | 1 | 2 | 'auto';
  callbacks?: Callback[];
  validationSplit?: number;
  validationData?: [DataInput, TargetInput] | [DataInput, TargetInput, tf.Tensor] | DataInput;
  shuffle?: boolean;
  classWeight?: Record<number, number>;
  sampleWeight?: tf.Tensor;
  initialEpoch?: number;
  stepsPerEpoch?: number;
  validationSteps?: number;
  validationBatchSize?: number;
  validationFreq?: number;
  /** Seed for the shuffling of batches, for reproducible runs. */
  seed?: number;
}

/** In a browser, give the page a chance to draw now and then; in Node, never pay for it. */
const yieldToEventLoop =
  typeof window !== 'undefined' ? () => new Promise<void>((resolve) => setTimeout(resolve, 0)) : null;

export async function fitModel(model: Model, x: DataInput, yOrArgs: TargetInput | FitArgs | undefined, maybeArgs: FitArgs): Promise<History> {
  const datasetInput = isDataset(x);
  const argsGiven = isFitArgs(yOrArgs) && (datasetInput || Object.keys(yOrArgs as object).length > 0);
  const args: FitArgs = datasetInput || argsGiven ? ((yOrArgs as FitArgs | undefined) ?? maybeArgs) : maybeArgs;
  const y = datasetInput || argsGiven ? undefined : (yOrArgs as TargetInput | undefined);
  requireCompiled(model);
  checkFitArgs(args);
  await ensureGradients();
  // keras.config's debugging caps (setMaxEpochs, setMaxStepsPerEpoch) apply here, with Keras's warnings.
  const epochs = cappedEpochs(args.epochs ?? 1);
  const stepsPerEpoch = cappedSteps(args.stepsPerEpoch);
  // Keras caps the validation's steps too, when there is a validation.
  const validationSteps = args.validationSplit || args.validationData ? cappedSteps(args.validationSteps) : args.validationSteps;
  const batchSize = args.batchSize ?? 32;
  const verbose = args.verbose === 'auto' || args.verbose === undefined ? 1 : args.verbose;
  const created: tf.Tensor[] = [];
  // Unseeded, the shuffle draws from the global stream, so `setRandomSeed` makes it reproducible as Keras's set_random_seed does.
  const random = mulberry32(args.seed ?? drawDefaultSeed());
  let train: BatchSource;
  let validation: BatchSource | null = null;
  try {
    if (datasetInput) {
      if (args.validationSplit) throw new ValueError('Argument `validationSplit` of fit() is only supported for tensors and arrays, not for a Dataset.');
      train = datasetBatches(x, stepsPerEpoch ?? null);
    } else {
      // Keras takes x alone too: an overridden trainStep may need no targets (a GAN's real images).
      if (y === undefined && !model.overriddenSteps().trainStep) {
        throw new ValueError('fit() needs targets `y` when `x` is not a Dataset.');
      }
      let xs = toTensorList(x, 'x', created);
      let ys = y === undefined ? [] : toTensorList(y, 'y', created);
      let weights = args.sampleWeight ?? null;
      if (args.classWeight) {
        weights = classWeightsToSampleWeights(args.classWeight, ys[0], weights);
        created.push(weights);
      }
      const count = checkCardinality([
        { name: 'x', tensors: xs },
        { name: 'y', tensors: ys },
        ...(weights ? [{ name: 'sample_weight', tensors: [weights] }] : []),
      ]);
      checkSampleCount('fit', count);
      checkModelData(model, xs, y === undefined ? null : ys);
      if (args.validationSplit) {
        // Keras takes the validation samples from the end, before any shuffling.
        const split = Math.floor(count * (1 - args.validationSplit));
        if (split === 0 || split === count) {
          throw new ValueError(
            `Training data contains ${count} samples, which is not sufficient to split it into a validation and training set as specified by \`validationSplit=${args.validationSplit}\`. Either provide more data, or a different value for the \`validationSplit\` argument.`,
          );
        }
        const validationX = sliceRows(xs, split, count - split);
        const validationY = sliceRows(ys, split, count - split);
        created.push(...validationX, ...validationY);
        validation = tensorBatches(validationX, validationY, null, args.validationBatchSize ?? batchSize, false, random, validationSteps);
        xs = sliceRows(xs, 0, split);
        ys = sliceRows(ys, 0, split);
        created.push(...xs, ...ys);
        if (weights) {
          weights = tf.slice(weights, [0], [split]);
          created.push(weights);
        }
      }
      train = tensorBatches(xs, ys, weights, batchSize, args.shuffle ?? true, random, stepsPerEpoch);
    }
    if (args.validationData) {
      validation = validationSource(model, args.validationData, args.validationBatchSize ?? batchSize, validationSteps, created, random);
    }
    return await trainEpochs(model, train, validation, { ...args, epochs, verbose });
  } finally {
    for (const tensor of created) tensor.dispose();
  }
}

/** Whether the second argument of fit is its options rather than targets (a dict of targets names outputs, never these). */
function isFitArgs(value: unknown): boolean {
  if (value === undefined || value === null || typeof value !== 'object') return false;
  if (value instanceof tf.Tensor || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  return Object.keys(value).length === 0 || looksLikeOptions(value, FIT_OPTION_KEYS);
}

/** Keras's argument checks, made before any tensor is created (see ./arguments). */
function checkFitArgs(args: FitArgs): void {
  checkFitOptions(args);
  checkPositiveInteger('fit', 'batchSize', args.batchSize);
  checkNonNegativeInteger('fit', 'epochs', args.epochs);
  checkNonNegativeInteger('fit', 'initialEpoch', args.initialEpoch);
  checkPositiveInteger('fit', 'stepsPerEpoch', args.stepsPerEpoch);
  checkPositiveInteger('fit', 'validationSteps', args.validationSteps);
  checkPositiveInteger('fit', 'validationBatchSize', args.validationBatchSize);
  checkPositiveInteger('fit', 'validationFreq', args.validationFreq);
  checkValidationSplit(args.validationSplit);
}

function validationSource(
  model: Model,
  data: NonNullable<FitArgs['validationData']>,
  batchSize: number,
  steps: number | undefined,
  created: tf.Tensor[],
  random: () => number,
): BatchSource {
  if (isDataset(data)) return datasetBatches(data, steps ?? null);
  const [vx, vy, vw] = data as [DataInput, TargetInput, tf.Tensor?];
  const xs = toTensorList(vx, 'validation x', created);
  const ys = toTensorList(vy, 'validation y', created);
  const count = checkCardinality([
    { name: 'validation x', tensors: xs },
    { name: 'validation y', tensors: ys },
  ]);
  checkSampleCount('fit', count, 'validationData');
  checkModelData(model, xs, ys);
  return tensorBatches(xs, ys, vw ?? null, batchSize, false, random);
}

async function trainEpochs(
  model: Model,
  train: BatchSource,
  validation: BatchSource | null,
  args: FitArgs & { epochs: number; verbose: 0 | 1 | 2 },
): Promise<History> {
  const callbacks = new CallbackList(args.callbacks ?? [], {
    addHistory: true,
    addProgbar: args.verbose !== 0,
    model,
    verbose: args.verbose,
    epochs: args.epochs,
    steps: train.steps,
  });
  model.stopTraining = false;
  let initialEpoch = args.initialEpoch ?? 0;
  const restored = await callbacks.restore();
  if (typeof restored === 'number') initialEpoch = restored;
  // A resumed run shuffles its remaining epochs as the uninterrupted run would have.
  train.skipEpochs?.(initialEpoch);
  await callbacks.onTrainBegin();
  const validationFreq = args.validationFreq ?? 1;
  // An overridden trainStep (or computeMetrics) runs in one tidy per batch and its returned logs are used;
  // otherwise the built-in fused step runs, and the logs are read from the metrics.
  const overridden = model.overriddenSteps();
  const returned = overridden.trainStep || overridden.computeMetrics ? new ReturnedLogs(model, 'trainStep') : null;
  let trained = false;
  try {
    for (let epoch = initialEpoch; epoch < args.epochs; epoch++) {
      resetMetrics(model);
      await callbacks.onEpochBegin(epoch);
      let step = 0;
      for await (const batch of train.batches()) {
        await callbacks.onTrainBatchBegin(step);
        try {
          if (returned) {
            prepareCompiledMetrics(model, batch.x, batch.y);
            returned.run(() => model.trainStep(stepData(batch)));
          }
          else trainStep(model, batch.x, batch.y, batch.sampleWeight);
        } finally {
          batch.dispose();
        }
        await callbacks.onTrainBatchEnd(step, returned ? await returned.batchLogs() : await batchLogs(model));
        step++;
        if (yieldToEventLoop && step % 16 === 0) await yieldToEventLoop();
        if (model.stopTraining) break;
      }
      if (step === 0 && !model.stopTraining) {
        if (!trained) throw new ValueError(`fit() received no samples: the Dataset yielded no batch in epoch ${epoch + 1}.`);
        // Keras's warning for a dataset that runs dry, and it stops as Keras does, rather than log a loss of 0.
        console.warn(
          'Your input ran out of data; interrupting training. Make sure that your dataset can generate at least `stepsPerEpoch * epochs` batches.',
        );
        break;
      }
      trained = true;
      const logs = returned ? await returned.read() : await readLogs(model);
      if (validation && (epoch + 1) % validationFreq === 0) {
        // Keras's fit evaluates through its own callbacks: onTestBegin/onTestEnd (TensorBoard's evaluation scalars) fire.
        const validationLogs = await runEvaluation(model, validation, callbacks);
        for (const [name, value] of Object.entries(validationLogs)) logs[`val_${name}`] = value;
      }
      await callbacks.onEpochEnd(epoch, logs);
      if (model.stopTraining) break;
    }
  } finally {
    returned?.dispose();
  }
  // Keras: with useEma the weights become their moving averages once training is over.
  if (args.epochs > 0) model.optimizer?.finalizeVariableValues();
  await callbacks.onTrainEnd();
  return callbacks.history;
}
