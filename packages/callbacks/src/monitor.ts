import type { Logs } from './callback';

export type MonitorMode = 'auto' | 'min' | 'max';

/**
 * Metrics that improve upwards. Keras 3 asks each compiled metric for its
 * `_direction`; callbacks here see no metric objects, so the built-in
 * metrics' directions are listed by name (`acc`/`accuracy`/`auc` and kin).
 */
const increasing =
  /(^|_)(acc|accuracy|auc|precision|recall|f1_score|fbeta_score|r2_score|iou|cosine_similarity|true_positives|true_negatives|specificity_at_sensitivity|sensitivity_at_specificity|precision_at_recall|recall_at_precision)$/;
const decreasing =
  /(^|_)(loss|error|crossentropy|hinge|mse|mae|mape|msle|logcosh|poisson|kl_divergence|kld|false_positives|false_negatives)$/;

/**
 * Keras's rule for `mode: 'auto'`: `loss` and other errors decrease, accuracy,
 * AUC and kin increase, and an unknown name is an error asking for a mode.
 */
export function resolveMode(monitor: string, mode: MonitorMode, owner: string): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  const metricName = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (increasing.test(metricName)) return 'max';
  if (decreasing.test(metricName)) return 'min';
  throw new Error(
    `${owner} callback received monitor=${monitor}, but Strata isn't able to automatically determine whether ` +
      `that metric should be maximized or minimized. Pass mode: 'max' in order to monitor based on the highest ` +
      `metric value, or mode: 'min' in order to use the lowest value.`,
  );
}

/** Checks the mode option, falling back to 'auto' with Keras's warning. */
export function checkMode(mode: string | undefined, owner: string): MonitorMode {
  if (mode === undefined || mode === 'auto' || mode === 'min' || mode === 'max') return mode ?? 'auto';
  console.warn(`${owner} mode '${mode}' is unknown, fallback to auto mode.`);
  return 'auto';
}

/**
 * Reads the monitored value from epoch logs; warns, listing what the logs do
 * hold, when it is missing (Keras warns and carries on).
 */
export function readMonitor(logs: Logs | undefined, monitor: string, what: string): number | undefined {
  const value = logs?.[monitor];
  if (value === undefined || value === null) {
    console.warn(`${what} conditioned on metric \`${monitor}\` which is not available. Available metrics are: ${Object.keys(logs ?? {}).join(',')}`);
    return undefined;
  }
  return value;
}
