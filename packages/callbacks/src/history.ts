import { Callback, type Logs } from './callback';

/**
 * Records the epoch logs of one `fit` call, as Keras's `History`: the fit loop
 * returns it. `history.loss[i]` is the mean loss of epoch `epoch[i]`.
 */
export class History extends Callback {
  history: Record<string, number[]> = {};
  epoch: number[] = [];

  override onTrainBegin(): void {
    this.epoch = [];
  }

  override onEpochEnd(epoch: number, logs: Logs = {}): void {
    this.epoch.push(epoch);
    for (const key of Object.keys(logs)) {
      (this.history[key] ??= []).push(logs[key]);
    }
  }
}
