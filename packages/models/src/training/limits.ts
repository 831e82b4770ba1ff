/**
 * Keras's debugging caps on training (`keras.config.set_max_epochs`, `set_max_steps_per_epoch`): global
 * state, as in Keras, that `fit`, `evaluate` and `predict` read when they start. Unset, the caps come from
 * the environment variables Keras reads, `KERAS_MAX_EPOCHS` and `KERAS_MAX_STEPS_PER_EPOCH` (in Node; read
 * when first asked for, never on import).
 */
let maxEpochsValue: number | null | undefined;
let maxStepsValue: number | null | undefined;

function fromEnvironment(name: string): number | null {
  const text = typeof process === 'undefined' ? undefined : process.env?.[name];
  if (text === undefined || text === '') return null;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new Error(`The environment variable ${name} must be an integer. Received: '${text}'.`);
  return value;
}

function checkLimit(functionName: string, value: number | null): number | null {
  if (value !== null && !(Number.isInteger(value) && value >= 0)) {
    throw new Error(`${functionName} expects an integer >= 0 or null (no limit). Received: ${String(value)}.`);
  }
  return value;
}

/** Caps the epochs of every later `fit` (null: no cap). Purely for debugging runs. */
export function setMaxEpochs(maxEpochs: number | null): void {
  maxEpochsValue = checkLimit('setMaxEpochs', maxEpochs);
}

/** Caps the steps of each epoch of every later `fit`, `evaluate` and `predict` (null: no cap). */
export function setMaxStepsPerEpoch(maxStepsPerEpoch: number | null): void {
  maxStepsValue = checkLimit('setMaxStepsPerEpoch', maxStepsPerEpoch);
}

/** The cap on epochs, or null when there is none. */
export function maxEpochs(): number | null {
  if (maxEpochsValue === undefined) return fromEnvironment('KERAS_MAX_EPOCHS');
  return maxEpochsValue;
}

/** The cap on steps per epoch, or null when there is none. */
export function maxStepsPerEpoch(): number | null {
  if (maxStepsValue === undefined) return fromEnvironment('KERAS_MAX_STEPS_PER_EPOCH');
  return maxStepsValue;
}

/** Keras's trainer: a cap below `epochs` wins, with its warning. A cap of 0 is no cap (Keras tests it for truth). */
export function cappedEpochs(epochs: number): number {
  const cap = maxEpochs();
  if (cap && cap < epochs) {
    console.warn(`Limiting epochs to ${cap}`);
    return cap;
  }
  return epochs;
}

/** Keras's EpochIterator: the cap replaces no `steps`, or `steps` above it, with its warning. */
export function cappedSteps(steps: number | undefined): number | undefined {
  const cap = maxStepsPerEpoch();
  if (cap && (steps === undefined || cap < steps)) {
    console.warn(`Limiting steps_per_epoch to ${cap}`);
    return cap;
  }
  return steps;
}
