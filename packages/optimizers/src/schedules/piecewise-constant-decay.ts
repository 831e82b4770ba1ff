import { LearningRateSchedule } from './learning-rate-schedule';

/**
 * `values[0]` while `step <= boundaries[0]`, `values[i]` while
 * `boundaries[i-1] < step <= boundaries[i]`, and `values[last]` after the last boundary.
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  static override className = 'PiecewiseConstantDecay';
  readonly name: string;

  constructor(
    readonly boundaries: number[],
    readonly values: number[],
    { name = 'PiecewiseConstant' }: {
      /** The schedule's name, saved in its config. Default `'PiecewiseConstant'`. */
      name?: string;
    } = {},
  ) {
    super();
    if (boundaries.length !== values.length - 1) {
      throw new Error(
        `PiecewiseConstantDecay: the length of boundaries should be 1 less than the length of values. Received: boundaries=[${boundaries}] of length ${boundaries.length}, and values=[${values}] of length ${values.length}.`,
      );
    }
    this.name = name;
  }

  static fromConfig(config: Record<string, unknown>): PiecewiseConstantDecay {
    const { boundaries, values, name } = config as Record<string, never>;
    return new PiecewiseConstantDecay(boundaries, values, { name: name ?? undefined });
  }

  call(step: number): number {
    for (let i = 0; i < this.boundaries.length; i++) {
      if (step <= this.boundaries[i]) return this.values[i];
    }
    return this.values[this.values.length - 1];
  }

  getConfig(): Record<string, unknown> {
    return { boundaries: [...this.boundaries], values: [...this.values], name: this.name };
  }
}
