import { meanUpdate } from '@strata/backend';
import { Loss, getLoss } from '@strata/losses';
import { serializeCompiledLoss, serializeCompiledMetric } from './registered-objects';
import { Mean, type Metric, getMetric, metricFunctionName } from '@strata/metrics';
import { type Optimizer, getOptimizer, serializeOptimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';
import { SparseLabelCheck } from './label-check';
import { checkCompileOptions } from './option-keys';

type LossIdentifier = string | Loss | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);
type MetricIdentifier = string | Metric | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

export interface CompileArgs {
  /** Keras's default is "rmsprop". */
  optimizer?: string | Optimizer;
  /** None is allowed, as in Keras, for a model whose own `trainStep` or `computeLoss` makes the loss. */
  loss?: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier> | null;
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  lossWeights?: number[] | Record<string, number>;
}

/**
 * The running mean of the loss over an epoch, weighted by batch size: Keras's
 * loss tracker, a `Mean` named "loss" (so it is in `model.metrics` and a
 * custom step can `updateState(loss)` it). The built-in steps use `update`,
 * two assignments on the device.
 */
export class LossTracker extends Mean {
  constructor() {
    super({ name: 'loss' });
  }

  update(loss: tf.Tensor, batchSize: number): void {
    tf.tidy(() => {
      // One kernel where the backend has it (the same float32 roundings as the op chain below).
      const fused = loss.rank === 0 ? meanUpdate(this.total, this.count, loss, batchSize, batchSize) : null;
      if (fused !== null) {
        this.total.assign(fused[0]);
        this.count.assign(fused[1]);
        return;
      }
      this.total.assign(tf.add(this.total, tf.mul(loss, batchSize)));
      this.count.assign(tf.add(this.count, batchSize));
    });
  }

  override result(): tf.Scalar {
    return tf.tidy(() => tf.divNoNan(this.total, this.count));
  }

  reset(): void {
    this.resetState();
  }
}

export interface CompiledState {
  optimizer: Optimizer;
  losses: Loss[];
  lossWeights: number[];
  /** Metrics per output, resolved on the first batch (accuracy depends on label shapes, as in Keras). */
  metrics: Metric[][] | null;
  metricIdentifiers: MetricIdentifier[][];
  /** Log names of the metrics per output, as the user spelled them (prefixed by the output name when several). */
  metricNames: string[][];
  lossTracker: LossTracker;
  /** Per output, the range check of its labels when its loss is a sparse categorical cross-entropy. */
  labelChecks: Array<SparseLabelCheck | null>;
  compileConfig: Record<string, unknown>;
  /** Resolves the metrics for these label and prediction shapes, once. */
  buildMetrics(yTrue: tf.Tensor[], yPred: tf.Tensor[]): Metric[][];
  /** The same from shapes alone (null for unknown sizes), before any prediction exists. */
  buildMetricsFromShapes(yTrue: ReadonlyArray<readonly (number | null)[]>, yPred: ReadonlyArray<readonly (number | null)[]>): Metric[][];
  dispose(): void;
}

function perOutput<T>(value: T | T[] | Record<string, T>, outputNames: string[], what: string): T[] {
  if (Array.isArray(value)) {
    if (value.length !== outputNames.length) {
      throw new Error(`compile() received ${value.length} ${what} for a model with ${outputNames.length} output(s).`);
    }
    return value;
  }
  if (typeof value === 'object' && value !== null && !(value as object).constructor?.name?.endsWith('Loss') && outputNames.every((n) => n in (value as object))) {
    return outputNames.map((n) => (value as Record<string, T>)[n]);
  }
  return outputNames.map(() => value as T);
}

/** The name a compile config stores for a metric: the string given, a Metric's name, a function's Keras name. */
/** A metric identifier as the compile config writes it: a function by its Keras name, a registered metric as its full object. */
function metricIdentifierName(identifier: MetricIdentifier): unknown {
  return typeof identifier === 'function' ? metricFunctionName(identifier) : serializeCompiledMetric(identifier);
}

function metricName(identifier: MetricIdentifier, metric: Metric): string {
  return typeof identifier === 'string' ? identifier : metric.name;
}

/** The loss as Keras's compile config records it: as given, a name staying a name, objects serialized. */
function serializeLossArgument(value: CompileArgs['loss']): unknown {
  if (value == null) return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => serializeLossArgument(item));
  if (typeof value === 'function' || value instanceof Loss) return serializeCompiledLoss(getLoss(value));
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, serializeLossArgument(item)]));
}

export function compileModel(model: Model, args: CompileArgs = {}): CompiledState {
  checkCompileOptions(args);
  const outputNames = model.outputs.length > 0 ? model.outputs.map((o) => o.operation?.name ?? 'output') : ['output'];
  const losses = args.loss == null ? [] : perOutput(args.loss, outputNames, 'losses').map((l) => getLoss(l));
  const lossWeights = args.lossWeights ? perOutput<number>(args.lossWeights as unknown as number, outputNames, 'loss weights') : outputNames.map(() => 1);
  let metricIdentifiers: MetricIdentifier[][];
  const metricsArg = args.metrics ?? [];
  if (Array.isArray(metricsArg) && metricsArg.length > 0 && Array.isArray(metricsArg[0])) {
    metricIdentifiers = metricsArg as MetricIdentifier[][];
  } else if (Array.isArray(metricsArg)) {
    // A flat list applies to every output, as Keras does for single-output models.
    metricIdentifiers = outputNames.map(() => metricsArg as MetricIdentifier[]);
  } else {
    metricIdentifiers = outputNames.map((n) => {
      const entry = (metricsArg as Record<string, MetricIdentifier | MetricIdentifier[]>)[n];
      return entry === undefined ? [] : Array.isArray(entry) ? entry : [entry];
    });
  }
  const optimizer = getOptimizer(args.optimizer ?? 'rmsprop');
  // An optimizer made here from a name or config belongs to the model; an instance the user passed stays theirs.
  const ownsOptimizer = optimizer !== args.optimizer;
  const state: CompiledState = {
    optimizer,
    losses,
    lossWeights,
    metrics: null,
    metricIdentifiers,
    metricNames: metricIdentifiers.map((ids) => ids.map((id) => (typeof id === 'string' ? id : ''))),
    lossTracker: new LossTracker(),
    // Each loss says whether it takes class ids (Loss.classLabelCheck); the trainer never asks for its class.
    labelChecks: losses.map((loss, i) => (loss.takesClassIds ? new SparseLabelCheck(loss, outputNames[i]) : null)),
    compileConfig: {
      optimizer: serializeOptimizer(optimizer),
      loss: serializeLossArgument(args.loss),
      loss_weights: args.lossWeights ?? null,
      metrics: metricIdentifiers.length === 1 ? metricIdentifiers[0].map(metricIdentifierName) : null,
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: false,
    },
    buildMetrics(yTrue, yPred) {
      return state.buildMetricsFromShapes(
        yTrue.map((t) => t.shape),
        yPred.map((t) => t.shape),
      );
    },
    buildMetricsFromShapes(yTrue, yPred) {
      if (state.metrics) return state.metrics;
      const prefix = outputNames.length > 1;
      state.metrics = metricIdentifiers.map((ids, output) =>
        ids.map((id) => getMetric(id as never, { loss: losses[output], yTrueShape: yTrue[output], yPredShape: yPred[output] })),
      );
      state.metricNames = state.metrics.map((list, output) =>
        list.map((metric, i) => {
          const name = metricName(metricIdentifiers[output][i], metric);
          return prefix ? `${outputNames[output]}_${name}` : name;
        }),
      );
      return state.metrics;
    },
    dispose() {
      state.lossTracker.dispose();
      state.labelChecks.forEach((check) => check?.dispose());
      if (ownsOptimizer) optimizer.dispose();
      state.metrics?.flat().forEach((m) => m.dispose());
    },
  };
  return state;
}
