import { readsSynchronously } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import type { CompiledState } from './compile';
import type { SparseLabelCheck } from './label-check';
import { ValueError } from '../errors';
import { castInputs, checkTargetCount } from './inputs';
import { denseChainStep } from './dense-chain-step';
import { freeTapeOnThrow } from './tape';

function requireCompiled(model: Model): CompiledState {
  if (!model.compiled) {
    throw new ValueError(`You must call compile() on model "${model.name}" before training or evaluating it.`);
  }
  return model.compiled;
}

export function asList(output: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
  return Array.isArray(output) ? output : [output];
}

/** A list of one tensor as that tensor, as Keras passes single inputs, targets and outputs. */
export function unwrap(list: tf.Tensor[]): tf.Tensor | tf.Tensor[] {
  return list.length === 1 ? list[0] : list;
}

/**
 * Keras's default `compute_loss`: the weighted sum of the compiled per-output
 * losses plus the layers' regularization losses.
 */
export function compiledLoss(model: Model, yTrue: tf.Tensor[], yPred: tf.Tensor[], sampleWeight: tf.Tensor | null): tf.Scalar {
  const state = requireCompiled(model);
  const penalties = model.regularizationLosses();
  if (state.losses.length === 0 && penalties.length === 0) {
    throw new ValueError(`No loss to compute for model "${model.name}". Provide a \`loss\` argument in \`compile()\`.`);
  }
  if (state.losses.length > 0 && yTrue.length !== yPred.length) checkTargetCount(model, yTrue.length);
  // Summed from the first term on: no zero to start from, which costs two kernels a step.
  const terms: tf.Tensor[] = state.losses.map((loss, i) => {
    // The loss chooses its own fused op, when it has one for these tensors (Loss.computeFused).
    const value = loss.computeFused(yTrue[i], yPred[i], sampleWeight) ?? loss.compute(yTrue[i], yPred[i], sampleWeight ?? undefined);
    return state.lossWeights[i] === 1 ? value : tf.mul(value, state.lossWeights[i]);
  });
  return [...terms, ...penalties].reduce((total, term) => tf.add(total, term)) as tf.Scalar;
}

/** Keras's default `compute_metrics` minus the returned results: the compiled metrics' updates. */
export function updateCompiledMetrics(model: Model, yTrue: tf.Tensor[], yPred: tf.Tensor[], sampleWeight: tf.Tensor | null): void {
  const state = requireCompiled(model);
  if (yTrue.length === 0) return;
  const metrics = state.buildMetrics(yTrue, yPred);
  metrics.forEach((list, output) => {
    for (const metric of list) metric.updateState(yTrue[output], yPred[output], sampleWeight ?? undefined);
  });
}

/** What the built-in steps give back: nothing (the trainer reads the metrics lazily), or the logs `computeMetrics` returned. */
export type StepLogs = Record<string, tf.Tensor | number>;

/**
 * After the loss: the loss tracker and label checks, then the compiled
 * metrics. When asked for logs, or when a subclass overrides
 * `computeMetrics`, that method updates the metrics and returns them.
 */
function trackStep(
  model: Model,
  state: CompiledState,
  step: { x: tf.Tensor[]; y: tf.Tensor[]; yPred: tf.Tensor[]; sampleWeight: tf.Tensor | null; loss: tf.Tensor },
  withLogs: boolean,
): StepLogs | undefined {
  const { x, y, yPred, sampleWeight, loss } = step;
  state.lossTracker.update(loss, yPred[0].shape[0]);
  state.labelChecks.forEach((check, output) => {
    if (y[output]) check?.update(y[output], yPred[output]);
  });
  if (withLogs || model.overriddenSteps().computeMetrics) {
    return model.computeMetrics(unwrap(x), y.length === 0 ? undefined : unwrap(y), unwrap(yPred), sampleWeight ?? undefined);
  }
  updateCompiledMetrics(model, y, yPred, sampleWeight);
  return undefined;
}

/**
 * One training step, in one tidy: forward pass, loss (through the model's
 * `computeLoss`), gradients, optimizer update, constraints, metric updates.
 * Nothing is read back from the device. Returns the logs only when asked
 * (`Model.trainStep` itself) or when `computeMetrics` is overridden.
 */
export function trainStep(model: Model, x: tf.Tensor[], y: tf.Tensor[], sampleWeight: tf.Tensor | null, withLogs = false): StepLogs | undefined {
  const state = requireCompiled(model);
  // A model without a known input shape creates its weights now, before they are collected for the gradient.
  if (!model.built) model.maybeBuild(x.length === 1 ? [null, ...x[0].shape.slice(1)] : x.map((t) => [null, ...t.shape.slice(1)]));
  const weights = model.trainableWeights;
  const variables = weights.map((w) => w.value);
  if (variables.length === 0) throw new ValueError(`Model "${model.name}" has no trainable weights to train.`);
  // Keras names optimizer slots after the weights' paths (adam/sequential_dense_kernel_momentum).
  if (!state.optimizer.isBuilt) state.optimizer.build(variables, weights.map((w) => w.path));
  const chain = denseChainStep(model, state, weights, x, y, sampleWeight, (inputs, yPred, loss) =>
    trackStep(model, state, { x: inputs, y, yPred: [yPred], sampleWeight, loss }, withLogs),
  );
  if (chain !== null) return chain.logs;
  return tf.tidy(() => {
    const inputs = castInputs(model, x);
    let predictions: tf.Tensor[] = [];
    let value: tf.Scalar | undefined;
    // The kept predictions and loss are freed whatever happens, a loss that refuses its targets included.
    try {
      const { grads } = tf.variableGrads(freeTapeOnThrow(() => {
        model.clearCallLosses();
        predictions = asList(model.apply(unwrap(inputs), { training: true }));
        // Kept past the gradient tape's own tidy for the metric update below, freed right after it.
        predictions.forEach((p) => tf.keep(p));
        value = tf.keep(model.computeLoss({ x: unwrap(inputs), y: y.length === 0 ? undefined : unwrap(y), yPred: unwrap(predictions), sampleWeight, training: true }));
        // Keras's trainer: gradients of the scaled loss (LossScaleOptimizer, lossScaleFactor), the unscaled loss in the logs.
        return state.optimizer.scaleLoss(value) as tf.Scalar;
      }), variables);
      const pairs: Array<[tf.Tensor, tf.Variable]> = [];
      for (const variable of variables) {
        const gradient = grads[variable.name];
        if (gradient) pairs.push([gradient, variable]);
      }
      state.optimizer.applyGradients(pairs);
      model.applyConstraints();
      return trackStep(model, state, { x: inputs, y, yPred: predictions, sampleWeight, loss: value as tf.Scalar }, withLogs);
    } finally {
      predictions.forEach((p) => p.dispose());
      value?.dispose();
    }
  });
}

/** One evaluation step: forward pass in inference mode, loss and metric updates. */
export function testStep(model: Model, x: tf.Tensor[], y: tf.Tensor[], sampleWeight: tf.Tensor | null, withLogs = false): StepLogs | undefined {
  const state = requireCompiled(model);
  return tf.tidy(() => {
    model.clearCallLosses();
    const inputs = castInputs(model, x);
    const predictions = asList(model.apply(unwrap(inputs), { training: false }));
    const loss = model.computeLoss({ x: unwrap(inputs), y: y.length === 0 ? undefined : unwrap(y), yPred: unwrap(predictions), sampleWeight, training: false });
    return trackStep(model, state, { x: inputs, y, yPred: predictions, sampleWeight, loss }, withLogs);
  });
}

/** Keras's `reset_metrics` at the start of an epoch or an evaluation: every metric of `model.metrics`, and the label checks. */
export function resetMetrics(model: Model): void {
  requireCompiled(model);
  model.resetMetrics();
}

/** The loss tracker's and every metric's result tensor, by log name (loss first, as Keras). */
function logTensors(model: Model): Array<[string, () => tf.Tensor]> {
  const state = requireCompiled(model);
  const entries: Array<[string, () => tf.Tensor]> = [];
  state.metrics?.forEach((list, output) =>
    list.forEach((metric, i) => entries.push([state.metricNames[output][i], () => metric.result()])),
  );
  return [['loss', () => state.lossTracker.result()], ...entries];
}

/**
 * Whether the active backend can read device data synchronously
 * (@strata/backend's `readsSynchronously`: not webgpu); where it cannot, logs
 * are read with `data()`.
 */
export function canReadSync(): boolean {
  return readsSynchronously();
}

/**
 * The current values of loss and metrics. Each getter reads the device when
 * called, so a callback or progress bar pays only for what it shows. On a
 * backend without synchronous reads the values are read now, in one transfer.
 */
export async function batchLogs(model: Model): Promise<Record<string, number>> {
  if (!canReadSync()) return readLogs(model);
  const checks = labelChecksOf(model);
  const logs: Record<string, number> = {};
  for (const [name, tensorOf] of logTensors(model)) {
    Object.defineProperty(logs, name, {
      enumerable: true,
      get: () => {
        // The loss is read with the label checks, in the same transfer, so that bad labels surface at the first read.
        const withChecks = name === 'loss' && checks.length > 0;
        const t = withChecks ? tf.tidy(() => tf.concat([tf.reshape(tensorOf(), [1]), ...checks.map((c) => c.tensor)])) : tensorOf();
        const values = t.dataSync();
        t.dispose();
        if (withChecks) throwIfInvalidLabels(checks, values, 1);
        return values[0];
      },
    });
  }
  return logs;
}

function labelChecksOf(model: Model): SparseLabelCheck[] {
  return requireCompiled(model).labelChecks.filter((check): check is SparseLabelCheck => check !== null);
}

function throwIfInvalidLabels(checks: SparseLabelCheck[], values: ArrayLike<number>, offset: number): void {
  checks.forEach((check, i) => check.throwIfInvalid(values[offset + 2 * i], values[offset + 2 * i + 1]));
}

/** The same values, read now in one asynchronous transfer: for epoch ends, evaluate and the on-batch methods. */
export async function readLogs(model: Model): Promise<Record<string, number>> {
  const entries = logTensors(model);
  const checks = labelChecksOf(model);
  const values = tf.tidy(() => {
    const logs = tf.stack(entries.map(([, tensorOf]) => tf.reshape(tensorOf(), [])));
    return checks.length === 0 ? logs : tf.concat([logs, ...checks.map((c) => c.tensor)]);
  });
  try {
    const data = await values.data();
    throwIfInvalidLabels(checks, data, entries.length);
    return Object.fromEntries(entries.map(([name], i) => [name, data[i]]));
  } finally {
    values.dispose();
  }
}

export { requireCompiled };
