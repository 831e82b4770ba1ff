/**
 * The config fields Keras's optimizers and learning-rate schedules hold as
 * Python floats. JavaScript has one number type, so a learning rate of 1 or a
 * momentum of 0 would be written to a file as the JSON integers `1` and `0`;
 * Keras 3 refuses those (`SGD(momentum=0)` raises "`momentum` must be a
 * float", and any optimizer raises "Argument `learning_rate` should be float"
 * for an int). A file writer marks these fields so that it writes `1.0` and
 * `0.0`, as Python's json.dumps writes Keras's floats.
 */
const floatFields: ReadonlySet<string> = new Set([
  // Every optimizer (keras/src/optimizers/base_optimizer.py).
  'learning_rate',
  'weight_decay',
  'clipnorm',
  'global_clipnorm',
  'clipvalue',
  'ema_momentum',
  'loss_scale_factor',
  // SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, Lion, Lamb.
  'momentum',
  'rho',
  'epsilon',
  'beta_1',
  'beta_2',
  'initial_accumulator_value',
  // Ftrl.
  'learning_rate_power',
  'l1_regularization_strength',
  'l2_regularization_strength',
  'l2_shrinkage_regularization_strength',
  'beta',
  // Adafactor.
  'beta_2_decay',
  'epsilon_1',
  'epsilon_2',
  'clip_threshold',
  // Muon (its adam_lr_ratio and ns_steps are ints in Keras's config).
  'adam_beta_1',
  'adam_beta_2',
  'adam_weight_decay',
  'muon_a',
  'muon_b',
  'muon_c',
  'rms_rate',
  // LossScaleOptimizer.
  'initial_scale',
  // The learning-rate schedules (their step counts stay ints).
  'initial_learning_rate',
  'decay_rate',
  'end_learning_rate',
  'power',
  'alpha',
  'warmup_target',
  't_mul',
  'm_mul',
]);

/** Whether Keras holds the optimizer or schedule config field `key` as a float. */
export function isFloatConfigField(key: string): boolean {
  return floatFields.has(key);
}

/**
 * A copy of a serialized optimizer (`{ class_name, config }`, schedules and a
 * LossScaleOptimizer's inner optimizer included) with each number in a float
 * field passed through `asFloat`: a file writer's marker for "write as a float".
 */
export function markFloatFields<T>(serialized: Record<string, unknown>, asFloat: (value: number) => T): Record<string, unknown> {
  const config = serialized.config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return serialized;
  const marked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config as Record<string, unknown>)) {
    if (typeof value === 'number' && isFloatConfigField(key)) marked[key] = asFloat(value);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'class_name' in value) marked[key] = markFloatFields(value as Record<string, unknown>, asFloat);
    else marked[key] = value;
  }
  return { ...serialized, config: marked };
}
