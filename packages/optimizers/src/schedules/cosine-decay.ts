import { LearningRateSchedule, requirePositiveSteps } from './learning-rate-schedule';

export interface CosineDecayOptions {
  /** The floor of the decay, as a fraction of the initial (or warmup target) rate. Default `0`. */
  alpha?: number;
  /** The schedule's name, saved in its config. Default `'CosineDecay'`. */
  name?: string;
  /** The rate reached at the end of the linear warmup, or `null` for no warmup. Default `null`. */
  warmupTarget?: number | null;
  /** The number of steps of the linear warmup. Default `0`. */
  warmupSteps?: number;
}

/**
 * Cosine decay with an optional linear warmup (Keras 3): with `warmupTarget`, the
 * rate climbs linearly from `initialLearningRate` to `warmupTarget` over
 * `warmupSteps`, then decays from `warmupTarget` to `warmupTarget * alpha` over
 * `decaySteps`; without it, it decays from `initialLearningRate`.
 */
export class CosineDecay extends LearningRateSchedule {
  static override className = 'CosineDecay';
  readonly alpha: number;
  readonly name: string;
  readonly warmupTarget: number | null;
  readonly warmupSteps: number;

  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    { alpha = 0.0, name = 'CosineDecay', warmupTarget = null, warmupSteps = 0 }: CosineDecayOptions = {},
  ) {
    super();
    requirePositiveSteps(this.className, 'decay_steps', decaySteps);
    this.alpha = alpha;
    this.name = name;
    this.warmupTarget = warmupTarget;
    this.warmupSteps = warmupSteps;
  }

  static fromConfig(config: Record<string, unknown>): CosineDecay {
    const { initial_learning_rate, decay_steps, alpha, name, warmup_target, warmup_steps } = config as Record<string, never>;
    return new CosineDecay(initial_learning_rate, decay_steps, {
      alpha,
      name: name ?? undefined,
      warmupTarget: warmup_target,
      warmupSteps: warmup_steps,
    });
  }

  private decay(step: number, decayFrom: number): number {
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return decayFrom * ((1 - this.alpha) * cosineDecayed + this.alpha);
  }

  call(step: number): number {
    if (this.warmupTarget === null) {
      return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    }
    const clampedStep = Math.min(step, this.decaySteps + this.warmupSteps);
    if (clampedStep < this.warmupSteps) {
      const completed = clampedStep / this.warmupSteps;
      return (this.warmupTarget - this.initialLearningRate) * completed + this.initialLearningRate;
    }
    return this.decay(clampedStep - this.warmupSteps, this.warmupTarget);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      decay_steps: this.decaySteps,
      alpha: this.alpha,
      name: this.name,
      warmup_target: this.warmupTarget,
      warmup_steps: this.warmupSteps,
    };
  }
}
