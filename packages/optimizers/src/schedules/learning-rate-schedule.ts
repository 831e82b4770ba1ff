/**
 * Keras's `LearningRateSchedule`: the learning rate as a function of the
 * optimizer's step. Schedules here compute on the host in float64 from the
 * optimizer's host-side step counter, so reading the learning rate never reads
 * the device; the optimizer turns the value into a float32 scalar, as Keras's
 * float32 arithmetic ends in one (differences are at float32 rounding level).
 */
export abstract class LearningRateSchedule {
  /** Keras's class name, written to configs as `class_name`. Subclasses set their own, as layers do. */
  static className = 'LearningRateSchedule';
  /** The class's `static className`: one convention for layers, losses, metrics, optimizers and schedules. */
  get className(): string {
    return (this.constructor as typeof LearningRateSchedule).className;
  }

  /** The learning rate at `step` (the optimizer's iterations before the update). */
  abstract call(step: number): number;

  /** Keras's config, snake_case keys. */
  abstract getConfig(): Record<string, unknown>;
}

export function requirePositiveSteps(className: string, argument: string, value: number): void {
  if (!(value > 0)) {
    throw new Error(`${className}: argument \`${argument}\` must be > 0. Received: ${argument}=${value}.`);
  }
}
