import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type Logs } from './callback';
import { printMessage, type TextOutput } from './output';
import { formatFloatRepr } from './python-format';

/** Takes the 0-based epoch and the current learning rate, returns the new rate. */
export type LearningRateSchedule = (epoch: number, learningRate: number) => number;

/** Keras's `LearningRateScheduler`: sets the learning rate from `schedule` at the start of each epoch. */
export class LearningRateScheduler extends Callback {
  constructor(
    readonly schedule: LearningRateSchedule,
    readonly options: {
      /** 1 prints the rate set at the start of each epoch. Default `0`. */
      verbose?: 0 | 1;
      /** Where messages are written. Default: stdout in Node, the console in a browser. */
      output?: TextOutput;
    } = {},
  ) {
    super();
    checkOptionKeys('LearningRateScheduler', options, ['verbose', 'output']);
  }

  override onEpochBegin(epoch: number): void {
    const optimizer = this.requireOptimizer();
    const learningRate = this.schedule(epoch, optimizer.learningRate);
    if (typeof learningRate !== 'number' || !Number.isFinite(learningRate)) {
      throw new Error(`The output of the "schedule" function should be a finite number. Got: ${learningRate}`);
    }
    optimizer.learningRate = learningRate;
    if (this.options.verbose) {
      printMessage(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${formatFloatRepr(learningRate)}.`, this.options.output);
    }
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    // Keras records the rate used, so History and CSVLogger show it.
    logs.learning_rate = this.requireOptimizer().learningRate;
  }

  private requireOptimizer(): { learningRate: number } {
    const optimizer = this.model.optimizer;
    if (!optimizer) throw new Error('LearningRateScheduler needs a compiled model: model.optimizer is undefined.');
    return optimizer;
  }
}
