import { LearningRateSchedule, requirePositiveSteps } from './learning-rate-schedule';

export interface PolynomialDecayOptions {
  /** The rate reached after `decaySteps`. Default `0.0001`. */
  endLearningRate?: number;
  /** The power of the polynomial. Default `1` (linear). */
  power?: number;
  /** Restarts the decay past `decaySteps` (the period grows by multiples of `decaySteps`) instead of staying at `endLearningRate`. Default `false`. */
  cycle?: boolean;
  /** The schedule's name, saved in its config. Default `'PolynomialDecay'`. */
  name?: string;
}

/**
 * `(initial - end) * (1 - step / decaySteps) ^ power + end`, with the step held at
 * `decaySteps`, or, when `cycle`, `decaySteps` stretched to the first multiple above
 * the step (Keras uses a multiplier of 1 at step 0).
 */
export class PolynomialDecay extends LearningRateSchedule {
  static override className = 'PolynomialDecay';
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  readonly name: string;

  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    { endLearningRate = 0.0001, power = 1.0, cycle = false, name = 'PolynomialDecay' }: PolynomialDecayOptions = {},
  ) {
    super();
    requirePositiveSteps(this.className, 'decay_steps', decaySteps);
    this.endLearningRate = endLearningRate;
    this.power = power;
    this.cycle = cycle;
    this.name = name;
  }

  static fromConfig(config: Record<string, unknown>): PolynomialDecay {
    const { initial_learning_rate, decay_steps, end_learning_rate, power, cycle, name } = config as Record<string, never>;
    return new PolynomialDecay(initial_learning_rate, decay_steps, {
      endLearningRate: end_learning_rate,
      power,
      cycle,
      name: name ?? undefined,
    });
  }

  call(step: number): number {
    let decaySteps = this.decaySteps;
    let clampedStep = step;
    if (this.cycle) {
      const multiplier = step === 0 ? 1 : Math.ceil(step / this.decaySteps);
      decaySteps *= multiplier;
    } else {
      clampedStep = Math.min(step, decaySteps);
    }
    const fraction = clampedStep / decaySteps;
    return (this.initialLearningRate - this.endLearningRate) * (1 - fraction) ** this.power + this.endLearningRate;
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      end_learning_rate: this.endLearningRate,
      power: this.power,
      cycle: this.cycle,
      name: this.name,
    };
  }
}
