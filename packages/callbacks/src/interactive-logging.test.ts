import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { disableInteractiveLogging, enableInteractiveLogging, isInteractiveLoggingEnabled } from './interactive-logging';
import { LambdaCallback } from './lambda-callback';
import { printMessage } from './output';
import { Progbar } from './progbar';
import { ProgbarLogger } from './progbar-logger';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});
afterEach(() => {
  enableInteractiveLogging();
  vi.restoreAllMocks();
});

/** Two epochs of 4 batches on a terminal, with a fake clock of 1 s per batch; the recorded output. */
async function trainOnTerminal(): Promise<string> {
  const { x, y } = regressionData();
  const model = new LinearModel(2);
  let clock = 0;
  const output = new RecordingOutput(true);
  const tick = new LambdaCallback({ onTrainBatchEnd: () => void (clock += 1) });
  await fit(model, x, y, {
    epochs: 2,
    batchSize: 16,
    verbose: 1,
    callbacks: [tick, new ProgbarLogger({ output, now: () => clock })],
    validation: { x, y },
    validationLoss: () => 0.000123,
    reads: { count: 0 },
  });
  model.dispose();
  tf.dispose([x, y]);
  return output.text;
}

describe('interactive logging', () => {
  it('is on by default and switches off and on', () => {
    expect(isInteractiveLoggingEnabled()).toBe(true);
    disableInteractiveLogging();
    expect(isInteractiveLoggingEnabled()).toBe(false);
    enableInteractiveLogging();
    expect(isInteractiveLoggingEnabled()).toBe(true);
  });

  it('disabled, the progress bar writes each update as a line of its own, even on a terminal', async () => {
    const interactive = await trainOnTerminal();
    expect(interactive).toContain('\r');
    disableInteractiveLogging();
    const text = await trainOnTerminal();
    // No carriage return, no colours: one plain line per update, as Keras's messages reach its log.
    expect(text).not.toContain('\r');
    expect(text).not.toContain('\u001b');
    const lines = text.split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(/^1\/4 ━{5}━{15} 3s 1s\/step - loss: \d+\.\d{4}$/);
    expect(lines[2]).toMatch(/^2\/4 ━{20} 2s 1s\/step - loss: \d+\.\d{4}$/);
    // The last batch's update (an ETA of 0 s), then the epoch's end with the validation loss.
    expect(lines[4]).toMatch(/^4\/4 ━{20} 0s 1s\/step - loss: \d+\.\d{4}$/);
    expect(lines[5]).toMatch(/^4\/4 ━{20} 4s 1s\/step - loss: \d+\.\d{4} - val_loss: 1\.2300e-04$/);
    expect(lines[6]).toBe('Epoch 2/2');
    expect(lines).toHaveLength(13);
  });

  it('disabled, with no output given, progress lines and messages go to console.info', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    disableInteractiveLogging();
    let clock = 0;
    const bar = new Progbar({ target: 2, now: () => clock });
    clock = 1;
    bar.update(1, { loss: 0.5 });
    clock = 2;
    bar.update(2, { loss: 0.25 });
    const summary = new Progbar({ target: 2, verbose: 2, now: () => clock });
    summary.update(2, { loss: 0.125 });
    printMessage('Epoch 3: early stopping');
    expect(info.mock.calls.map(([line]) => line)).toEqual([
      '1/2 ━━━━━━━━━━━━━━━━━━━━ 1s 1s/step - loss: 0.5000',
      '2/2 ━━━━━━━━━━━━━━━━━━━━ 2s 1s/step - loss: 0.2500',
      '2/2 - 0s - 0s/step - loss: 0.1250',
      'Epoch 3: early stopping',
    ]);
  });
});
