import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type Logs } from './callback';
import { printMessage, type TextOutput } from './output';

/**
 * Keras's `TerminateOnNaN`: stops training when a batch's loss is NaN or
 * infinite. It reads `loss` after every batch, so, as in Keras, it waits for
 * the device each step; that is its price.
 */
export class TerminateOnNaN extends Callback {
  constructor(readonly options: {
    /** Where the message is written when training stops. Default: stdout in Node, the console in a browser. */
    output?: TextOutput;
  } = {}) {
    super();
    checkOptionKeys('TerminateOnNaN', options, ['output']);
  }

  override onTrainBatchEnd(batch: number, logs?: Logs): void {
    if (!logs || !('loss' in logs)) return;
    const loss = logs.loss;
    if (!Number.isFinite(loss)) {
      printMessage(`Batch ${batch}: Invalid loss, terminating training`, this.options.output);
      this.model.stopTraining = true;
    }
  }
}
