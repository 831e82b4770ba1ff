import { LearningRateSchedule, requirePositiveSteps } from './learning-rate-schedule';

export interface CosineDecayRestartsOptions {
  /** Each period is this many times longer than the one before. Default `2`. */
  tMul?: number;
  /** Each restart begins at this fraction of the previous period's initial rate. Default `1`. */
  mMul?: number;
  /** The floor of the decay, as a fraction of the initial rate. Default `0`. */
  alpha?: number;
  /** The schedule's name, saved in its config. Default `'SGDRDecay'`. */
  name?: string;
}

/**
 * SGDR: cosine decay over `firstDecaySteps`, then warm restarts, each period
 * `tMul` times longer and starting `mMul` times lower (Keras's `CosineDecayRestarts`).
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  static override className = 'CosineDecayRestarts';
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  readonly name: string;

  constructor(
    readonly initialLearningRate: number,
    readonly firstDecaySteps: number,
    { tMul = 2.0, mMul = 1.0, alpha = 0.0, name = 'SGDRDecay' }: CosineDecayRestartsOptions = {},
  ) {
    super();
    requirePositiveSteps(this.className, 'first_decay_steps', firstDecaySteps);
    this.tMul = tMul;
    this.mMul = mMul;
    this.alpha = alpha;
    this.name = name;
  }

  static fromConfig(config: Record<string, unknown>): CosineDecayRestarts {
    const { initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha, name } = config as Record<string, never>;
    return new CosineDecayRestarts(initial_learning_rate, first_decay_steps, {
      tMul: t_mul,
      mMul: m_mul,
      alpha,
      name: name ?? undefined,
    });
  }

  call(step: number): number {
    let completed = step / this.firstDecaySteps;
    let restart: number;
    if (this.tMul === 1) {
      restart = Math.floor(completed);
      completed -= restart;
    } else {
      restart = Math.floor(Math.log(1 - completed * (1 - this.tMul)) / Math.log(this.tMul));
      const sumOfPeriods = (1 - this.tMul ** restart) / (1 - this.tMul);
      completed = (completed - sumOfPeriods) / this.tMul ** restart;
    }
    const cosineDecayed = 0.5 * this.mMul ** restart * (1 + Math.cos(Math.PI * completed));
    return this.initialLearningRate * ((1 - this.alpha) * cosineDecayed + this.alpha);
  }

  getConfig(): Record<string, unknown> {
    return {
      initial_learning_rate: this.initialLearningRate,
      first_decay_steps: this.firstDecaySteps,
      t_mul: this.tMul,
      m_mul: this.mMul,
      alpha: this.alpha,
      name: this.name,
    };
  }
}
