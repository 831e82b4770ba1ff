import { type Loss, getLoss, serializeLoss } from '@strata/losses';
import { type Metric, getMetric } from '@strata/metrics';
import { type Optimizer, getOptimizer, serializeOptimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import type { Model } from '../model';

type LossIdentifier = string | Loss | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);
type MetricIdentifier = string | Metric | ((yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor);

export interface CompileArgs {
  optimizer: string | Optimizer;
  loss: LossIdentifier | LossIdentifier[] | Record<string, LossIdentifier>;
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier | MetricIdentifier[]>;
  lossWeights?: number[] | Record<string, number>;
}

/** The running mean of the loss over an epoch, weighted by batch size as Keras's loss tracker. */
export class LossTracker {
  // Made in a tidy so the initial scalars do not outlive the variables' creation.
  private readonly total = tf.tidy(() => tf.variable(tf.scalar(0), false));
  private readonly count = tf.tidy(() => tf.variable(tf.scalar(0), false));

  update(loss: tf.Tensor, batchSize: number): void {
    tf.tidy(() => {
      this.total.assign(tf.add(this.total, tf.mul(loss, batchSize)));
      this.count.assign(tf.add(this.count, batchSize));
    });
  }

  result(): tf.Scalar {
    return tf.tidy(() => tf.divNoNan(this.total, this.count));
  }

  reset(): void {
    tf.tidy(() => {
      this.total.assign(tf.scalar(0));
      this.count.assign(tf.scalar(0));
    });
  }

  dispose(): void {
    this.total.dispose();
    this.count.dispose();
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
  compileConfig: Record<string, unknown>;
  /** Resolves the metrics for these label and prediction shapes, once. */
  buildMetrics(yTrue: tf.Tensor[], yPred: tf.Tensor[]): Metric[][];
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

function metricName(identifier: MetricIdentifier, metric: Metric): string {
  return typeof identifier === 'string' ? identifier : metric.name;
}

export function compileModel(model: Model, args: CompileArgs): CompiledState {
  const outputNames = model.outputs.length > 0 ? model.outputs.map((o) => o.operation?.name ?? 'output') : ['output'];
  const losses = perOutput(args.loss, outputNames, 'losses').map((l) => getLoss(l));
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
  const optimizer = getOptimizer(args.optimizer);
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
    compileConfig: {
      optimizer: serializeOptimizer(optimizer),
      loss: losses.length === 1 ? serializeLoss(losses[0]) : losses.map((l) => serializeLoss(l)),
      loss_weights: args.lossWeights ?? null,
      metrics: metricIdentifiers.length === 1 ? metricIdentifiers[0].map((m) => (typeof m === 'string' ? m : (m as Metric).name ?? 'custom')) : null,
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: false,
    },
    buildMetrics(yTrue, yPred) {
      if (state.metrics) return state.metrics;
      const prefix = outputNames.length > 1;
      state.metrics = metricIdentifiers.map((ids, output) =>
        ids.map((id) =>
          getMetric(id as never, { loss: losses[output], yTrueShape: yTrue[output].shape, yPredShape: yPred[output].shape }),
        ),
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
      if (ownsOptimizer) optimizer.dispose();
      state.metrics?.flat().forEach((m) => m.dispose());
    },
  };
  return state;
}
