import { InverseTimeDecay } from './schedules/inverse-time-decay';
import type { LearningRateSchedule } from './schedules/learning-rate-schedule';

const warnedAbout = new Set<string>();

/** Warns once per process and argument, so a training script is not flooded. */
function warnOnce(key: string, message: string): void {
  if (warnedAbout.has(key)) return;
  warnedAbout.add(key);
  console.warn(message);
}

/** Forgets which warnings were given (for tests). */
export function resetLegacyWarnings(): void {
  warnedAbout.clear();
}

export interface LegacyLearningRateOptions {
  learningRate?: number | LearningRateSchedule;
  /** Keras 2 alias of `learningRate`. */
  lr?: number;
  /** Keras 2 time-based decay: `lr / (1 + decay * iterations)`. */
  decay?: number | null;
}

/**
 * Maps the Keras 2 arguments of tutorials (`lr`, `decay`) onto Keras 3's.
 * - `lr` becomes `learningRate` (an error when both are given).
 * - `decay: 0` (or null) is accepted and ignored.
 * - A nonzero `decay` becomes `InverseTimeDecay(learningRate, 1, decay)`, which is
 *   exactly Keras 2's `lr / (1 + decay * iterations)`. Keras 3 instead ignores
 *   `decay` with a warning; we keep the behaviour the old code was written for.
 *   As with any schedule, the learning rate is then not settable.
 */
export function resolveLegacyLearningRate(
  className: string,
  options: LegacyLearningRateOptions,
  defaultLearningRate: number,
): number | LearningRateSchedule {
  let learningRate = options.learningRate;
  if (options.lr !== undefined) {
    if (learningRate !== undefined) {
      throw new Error(`${className}: got both \`lr\` (${options.lr}) and \`learningRate\`; pass only \`learningRate\`.`);
    }
    warnOnce('lr', `${className}: the argument \`lr\` is deprecated; use \`learningRate\` instead.`);
    learningRate = options.lr;
  }
  learningRate ??= defaultLearningRate;
  const decay = options.decay;
  if (decay === undefined || decay === null) return learningRate;
  if (decay === 0) {
    warnOnce('decay', `${className}: the argument \`decay\` is deprecated and ignored when 0; use a learning-rate schedule.`);
    return learningRate;
  }
  if (typeof learningRate !== 'number') {
    throw new Error(`${className}: \`decay\` (${decay}) cannot be combined with a learning-rate schedule.`);
  }
  warnOnce(
    'decay',
    `${className}: the argument \`decay\` is deprecated; decay=${decay} is applied as InverseTimeDecay(${learningRate}, 1, ${decay}), Keras 2's behaviour. Use a learning-rate schedule instead.`,
  );
  return new InverseTimeDecay(learningRate, 1, decay);
}
