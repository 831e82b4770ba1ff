import { LearningRateSchedule, requirePositiveSteps } from './learning-rate-schedule';

export interface InverseTimeDecayOptions {
  /** Decays at whole multiples of `decaySteps` only, a staircase instead of a curve. Default `false`. */
  staircase?: boolean;
  /** The schedule's name, saved in its config. Default `'InverseTimeDecay'`. */
  name?: string;
}

/** `initialLearningRate / (1 + decayRate * step / decaySteps)`, the ratio floored when `staircase`. */
export class InverseTimeDecay extends LearningRateSchedule {
  static override className = 'InverseTimeDecay';
  readonly staircase: boolean;
  readonly name: string;

  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    readonly decayRate: number,
    { staircase = false, name = 'InverseTimeDecay' }: InverseTimeDecayOptions = {},
  ) {
    super();
    requirePositiveSteps(this.className, 'decay_steps', decaySteps);
    this.staircase = staircase;
    this.name = name;
  }

  static fromConfig(config: Record<string, unknown>): InverseTimeDecay {
    const { initial_learning_rate, decay_steps, decay_rate, staircase, name } = config as Record<string, never>;
    return new InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, { staircase, name: name ?? undefined });
  }

  call(step: number): number {
    let ratio = step / this.decaySteps;
    if (this.staircase) ratio = Math.floor(ratio);
    return this.initialLearningRate / (1 + this.decayRate * ratio);
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
