import { LearningRateSchedule, requirePositiveSteps } from './learning-rate-schedule';

export interface ExponentialDecayOptions {
  /** Decays at whole multiples of `decaySteps` only (an integer division), a staircase instead of a curve. Default `false`. */
  staircase?: boolean;
  /** The schedule's name, saved in its config. Default `'ExponentialDecay'`. */
  name?: string;
}

/** `initialLearningRate * decayRate ^ (step / decaySteps)`, the exponent floored when `staircase`. */
export class ExponentialDecay extends LearningRateSchedule {
  static override className = 'ExponentialDecay';
  readonly staircase: boolean;
  readonly name: string;

  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    readonly decayRate: number,
    { staircase = false, name = 'ExponentialDecay' }: ExponentialDecayOptions = {},
  ) {
    super();
    requirePositiveSteps(this.className, 'decay_steps', decaySteps);
    this.staircase = staircase;
    this.name = name;
  }

  static fromConfig(config: Record<string, unknown>): ExponentialDecay {
    const { initial_learning_rate, decay_steps, decay_rate, staircase, name } = config as Record<string, never>;
    return new ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, { staircase, name: name ?? undefined });
  }

  call(step: number): number {
    let exponent = step / this.decaySteps;
    if (this.staircase) exponent = Math.floor(exponent);
    return this.initialLearningRate * this.decayRate ** exponent;
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      decay_rate: this.decayRate,
      staircase: this.staircase,
      name: this.name,
    };
  }
}
