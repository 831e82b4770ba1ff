import { type LayerVariable, type Shape, type Tensors, isShapeList } from '@strata/layers';
import { Metric } from '@strata/metrics';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import { castInputs } from './inputs';
import { type StepLogs, asList, compiledLoss, requireCompiled, testStep, trainStep, unwrap, updateCompiledMetrics } from './step';
import { freeTapeOnThrow } from './tape';

/**
 * The default bodies of the Model methods that Keras 3 lets a subclass
 * override (keras/src/trainers/trainer.py and backend/torch/trainer.py):
 * `trainStep`, `testStep`, `predictStep`, `computeLoss`, `computeMetrics`,
 * `metrics`, `resetMetrics`, `getMetricsResult`. Model delegates to these;
 * the trainer calls the built-in fused step directly when none of the step
 * methods is overridden, so the default keeps its speed.
 */

/** What a step receives, as in Keras: `[x]`, `[x, y]` or `[x, y, sampleWeight]` (x and y a tensor, or a list for several). */
export type StepData = [x: Tensors, y?: Tensors, sampleWeight?: tf.Tensor];

/** Keras's `compute_loss(x, y, y_pred, sample_weight, training)` arguments. */
export interface ComputeLossArgs {
  x?: Tensors;
  y?: Tensors;
  yPred?: Tensors;
  sampleWeight?: tf.Tensor | null;
  /** True in the training step, false in the test step (Keras 3.3's argument). */
  training?: boolean;
}

function listOf(value: Tensors | undefined): tf.Tensor[] {
  return value === undefined ? [] : asList(value);
}

export function defaultTrainStep(model: Model, data: StepData): StepLogs {
  const [x, y, sampleWeight] = data;
  return trainStep(model, asList(x), listOf(y), sampleWeight ?? null, true) as StepLogs;
}

export function defaultTestStep(model: Model, data: StepData): StepLogs {
  const [x, y, sampleWeight] = data;
  return testStep(model, asList(x), listOf(y), sampleWeight ?? null, true) as StepLogs;
}

export function defaultPredictStep(model: Model, data: StepData): Tensors {
  return model.apply(unwrap(castInputs(model, asList(data[0]))), { training: false });
}

export function defaultComputeLoss(model: Model, args: ComputeLossArgs): tf.Scalar {
  return compiledLoss(model, listOf(args.y), listOf(args.yPred), args.sampleWeight ?? null);
}

export function defaultComputeMetrics(model: Model, y: Tensors | undefined, yPred: Tensors, sampleWeight?: tf.Tensor): StepLogs {
  updateCompiledMetrics(model, listOf(y), asList(yPred), sampleWeight ?? null);
  return model.getMetricsResult();
}

/**
 * Keras's `model.metrics`: the loss tracker, the compiled metrics (once the
 * first batch has resolved them), then every Metric the model holds as a
 * property (Keras tracks metric attributes, `self.loss_tracker = Mean()`).
 */
export function defaultMetrics(model: Model): Metric[] {
  const list: Metric[] = [];
  const state = model.compiled;
  if (state) {
    list.push(state.lossTracker);
    for (const metric of state.metrics?.flat() ?? []) list.push(metric);
  }
  for (const value of Object.values(model)) {
    if (value instanceof Metric && !list.includes(value)) list.push(value);
  }
  return list;
}

/** The log name of each metric: the compiled metrics' names as the user spelled them ("acc"), the others' own names. */
function logNames(model: Model): Map<Metric, string> {
  const names = new Map<Metric, string>();
  const state = model.compiled;
  state?.metrics?.forEach((list, output) => list.forEach((metric, i) => names.set(metric, state.metricNames[output][i])));
  return names;
}

export function defaultMetricsNames(model: Model): string[] {
  const names = logNames(model);
  return model.metrics.map((metric) => names.get(metric) ?? metric.name);
}

/** Keras's `get_metrics_result`: each metric's current value, as new tensors the caller owns. */
export function defaultMetricsResult(model: Model): Record<string, tf.Tensor> {
  const names = logNames(model);
  const results: Record<string, tf.Tensor> = {};
  for (const metric of model.metrics) results[names.get(metric) ?? metric.name] = metric.result();
  return results;
}

export function defaultResetMetrics(model: Model): void {
  for (const metric of model.metrics) metric.resetState();
  model.compiled?.labelChecks.forEach((check) => check?.reset());
}

/**
 * Resolves the compiled metrics before an overridden step first runs, so
 * that the step finds them in `model.metrics` (Keras's CompileMetrics builds
 * on its first update; here the shapes come from the first batch's targets
 * and the model's output shapes). A model whose output shape cannot be known
 * ahead resolves them on its first `computeMetrics` call instead.
 */
export function prepareCompiledMetrics(model: Model, x: tf.Tensor[], y: tf.Tensor[]): void {
  const state = model.compiled;
  if (!state || state.metrics || y.length === 0 || state.metricIdentifiers.every((ids) => ids.length === 0)) return;
  let outputShapes: Shape[];
  if (model.outputs.length > 0) {
    outputShapes = model.outputs.map((o) => o.shape);
  } else {
    try {
      const shape = model.computeOutputShape(x.length === 1 ? [null, ...x[0].shape.slice(1)] : x.map((t) => [null, ...t.shape.slice(1)]));
      outputShapes = isShapeList(shape) ? shape : [shape as Shape];
    } catch {
      return;
    }
  }
  if (outputShapes.length !== y.length) return;
  state.buildMetricsFromShapes(
    y.map((t) => t.shape),
    outputShapes,
  );
}

/** What `computeGradients`'s forward function returns: the loss, or the loss and tensors to keep (the predictions, say). */
export type ForwardResult<T extends Record<string, Tensors>> = tf.Scalar | ({ loss: tf.Scalar } & T);

/**
 * Keras's torch-guide `loss.backward()` then `[v.value.grad for v in weights]`:
 * runs `forward` on the gradient tape and returns the loss, the gradient of
 * each weight in order (null where the loss does not depend on it), and any
 * other tensors forward returned beside the loss. Those would otherwise be
 * freed with the tape; they are handed to the caller's scope instead, so the
 * step's tidy frees them.
 */
export function computeGradients<T extends Record<string, Tensors>>(
  forward: () => ForwardResult<T>,
  weights: ReadonlyArray<LayerVariable | tf.Variable>,
): { loss: tf.Scalar; gradients: Array<tf.Tensor | null> } & Partial<T> {
  const variables = weights.map((w) => (w instanceof tf.Variable ? w : w.value));
  let kept: Record<string, Tensors> = {};
  const { value, grads } = tf.variableGrads(freeTapeOnThrow(() => {
    const result = forward();
    if (result instanceof tf.Tensor) return result;
    const { loss, ...rest } = result;
    for (const tensors of Object.values(rest)) asList(tensors as Tensors).forEach((t) => tf.keep(t));
    kept = rest;
    return loss;
  }), variables);
  const move = (t: tf.Tensor) => {
    // A clone shares the data: the kept tensor goes, one owned by the current scope takes its place.
    const owned = tf.clone(t);
    t.dispose();
    return owned;
  };
  const extras = Object.fromEntries(
    Object.entries(kept).map(([name, tensors]) => [name, Array.isArray(tensors) ? tensors.map(move) : move(tensors)]),
  );
  return { loss: value, gradients: variables.map((v) => grads[v.name] ?? null), ...(extras as Partial<T>) };
}

export { requireCompiled };
