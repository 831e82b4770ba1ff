import { CosineDecay } from './cosine-decay';
import { CosineDecayRestarts } from './cosine-decay-restarts';
import { ExponentialDecay } from './exponential-decay';
import { InverseTimeDecay } from './inverse-time-decay';
import { LearningRateSchedule } from './learning-rate-schedule';
import { PiecewiseConstantDecay } from './piecewise-constant-decay';
import { PolynomialDecay } from './polynomial-decay';

export { CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, LearningRateSchedule };
export { PiecewiseConstantDecay, PolynomialDecay };
export type { CosineDecayOptions } from './cosine-decay';
export type { CosineDecayRestartsOptions } from './cosine-decay-restarts';
export type { ExponentialDecayOptions } from './exponential-decay';
export type { InverseTimeDecayOptions } from './inverse-time-decay';
export type { PolynomialDecayOptions } from './polynomial-decay';

export type ScheduleFromConfig = (config: Record<string, unknown>) => LearningRateSchedule;

/** Keras's built-in schedules by class name, for `deserializeLearningRateSchedule`. */
export const builtInSchedules: Readonly<Record<string, ScheduleFromConfig>> = {
  ExponentialDecay: ExponentialDecay.fromConfig,
  InverseTimeDecay: InverseTimeDecay.fromConfig,
  PiecewiseConstantDecay: PiecewiseConstantDecay.fromConfig,
  PolynomialDecay: PolynomialDecay.fromConfig,
  CosineDecay: CosineDecay.fromConfig,
  CosineDecayRestarts: CosineDecayRestarts.fromConfig,
};

/** Keras 3's serialized form: `{ module, class_name, config, registered_name }`. */
export function serializeLearningRateSchedule(schedule: LearningRateSchedule): Record<string, unknown> {
  return {
    module: 'keras.optimizers.schedules',
    class_name: schedule.className,
    config: schedule.getConfig(),
    registered_name: null,
  };
}

/**
 * Reads Keras 3's form and tf.keras's `{ class_name, config }`; `customSchedules`
 * adds user classes by name (a registry passed in, never a global).
 */
export function deserializeLearningRateSchedule(
  serialized: Record<string, unknown>,
  customSchedules: Record<string, ScheduleFromConfig> = {},
): LearningRateSchedule {
  const className = String(serialized.class_name ?? '');
  const shortName = className.replace(/^.*>/, '');
  const own = <T>(registry: Record<string, T>, name: string) => (Object.hasOwn(registry, name) ? registry[name] : undefined);
  const fromConfig = own(customSchedules, className) ?? own(builtInSchedules, shortName) ?? own(customSchedules, shortName);
  if (!fromConfig) {
    throw new Error(
      `Unknown learning rate schedule: '${className}'. Expected one of ${Object.keys(builtInSchedules).join(', ')}, or a class passed in customSchedules.`,
    );
  }
  return fromConfig((serialized.config ?? {}) as Record<string, unknown>);
}
