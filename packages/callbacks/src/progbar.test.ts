import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LambdaCallback } from './lambda-callback';
import { Progbar } from './progbar';
import { ProgbarLogger } from './progbar-logger';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});

/** Runs a fit of `epochs` with a fake clock advancing `secondsPerBatch`; returns the output and the device reads. */
async function trainWithProgbar(options: { verbose: 0 | 1 | 2; isTTY: boolean; batchSize: number; secondsPerBatch: number; epochs?: number }) {
  const { x, y } = regressionData();
  const model = new LinearModel(2);
  let clock = 0;
  const output = new RecordingOutput(options.isTTY);
  const reads = { count: 0 };
  const tick = new LambdaCallback({ onTrainBatchEnd: () => void (clock += options.secondsPerBatch) });
  await fit(model, x, y, {
    epochs: options.epochs ?? 2,
    batchSize: options.batchSize,
    verbose: options.verbose,
    callbacks: [tick, new ProgbarLogger({ output, now: () => clock })],
    validation: { x, y },
    validationLoss: () => 0.000123,
    reads,
  });
  model.dispose();
  tf.dispose([x, y]);
  return { text: output.text, reads: reads.count };
}

/** Spells the escape character out, so the expectations can be regular expressions. */
const spelled = (text: string) => text.replaceAll('\u001b', 'ESC');
const strip = (text: string) => spelled(text).replace(/ESC\[\d+m/g, '');

describe('ProgbarLogger', () => {
  it('verbose 1 on a terminal: Keras 3 bar redrawn in place, one finished line per epoch', async () => {
    const { text } = await trainWithProgbar({ verbose: 1, isTTY: true, batchSize: 16, secondsPerBatch: 1 });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Epoch 1/2');
    // Four redraws of one line, the last finished with the epoch logs.
    const redraws = lines[1].split('\r').slice(1);
    expect(redraws).toHaveLength(5);
    expect(spelled(redraws[0])).toMatch(
      /^ESC\[1m1\/4ESC\[0m ESC\[32m━{5}ESC\[0mESC\[37m━{15}ESC\[0m ESC\[1m3sESC\[0m 1s\/step - loss: \d+\.\d{4}$/,
    );
    expect(strip(redraws[1])).toMatch(/^2\/4 ━{20} 2s 1s\/step - loss: \d+\.\d{4}$/);
    expect(strip(redraws[4])).toMatch(/^4\/4 ━{20} 4s 1s\/step - loss: \d+\.\d{4} - val_loss: 1\.2300e-04$/);
    expect(lines[2]).toBe('Epoch 2/2');
    expect(lines[4]).toBe('');
  });

  it('throttles redraws to one per 0.05 s and reads the lazy logs only when drawing', async () => {
    // 64 steps of 0.01 s: about one draw in five.
    const { text, reads } = await trainWithProgbar({ verbose: 1, isTTY: true, batchSize: 1, secondsPerBatch: 0.01, epochs: 1 });
    const draws = text.split('\r').length - 1;
    expect(draws).toBeGreaterThan(5);
    expect(draws).toBeLessThan(20);
    expect(reads).toBe(draws - 1);
    // No "Epoch 1/1" line for a single epoch, as Keras.
    expect(strip(text)).toMatch(/^\r 1\/64 ━{0}━{20} /);
  });

  it('verbose 2 prints one summary line per epoch and reads no batch logs', async () => {
    const { text, reads } = await trainWithProgbar({ verbose: 2, isTTY: true, batchSize: 16, secondsPerBatch: 1 });
    expect(reads).toBe(0);
    expect(text).toMatch(/^Epoch 1\/2\n4\/4 - 4s - 1s\/step - loss: \d\.\d{4} - val_loss: 1\.2300e-04\nEpoch 2\/2\n4\/4 - 4s - 1s\/step - loss: \d\.\d{4} - val_loss: 1\.2300e-04\n$/);
  });

  it('verbose 1 without a terminal falls back to the one-line summary', async () => {
    const { text } = await trainWithProgbar({ verbose: 1, isTTY: false, batchSize: 16, secondsPerBatch: 0.002 });
    expect(text).toMatch(/^Epoch 1\/2\n4\/4 - 0s - 2ms\/step - loss: \d\.\d{4} - val_loss: 1\.2300e-04\n/);
    expect(text).not.toContain('\r');
  });

  it('verbose 0 is silent', async () => {
    const output = new RecordingOutput(true);
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    await fit(model, x, y, { epochs: 2, verbose: 0, callbacks: [new ProgbarLogger({ output })] });
    expect(output.text).toBe('');
    model.dispose();
    tf.dispose([x, y]);
  });
});

describe('Progbar', () => {
  it('formats like Keras: sorted metrics, 4 decimals, exponent below 1e-3, ETA formats, unknown target', () => {
    let clock = 0;
    const output = new RecordingOutput(true);
    const bar = new Progbar({ target: 1000, output, now: () => clock });
    clock = 2;
    bar.update(1, { loss: 0.5, accuracy: 0.25 });
    clock = 122;
    bar.update(2, { loss: 0.0005, accuracy: 0.25 });
    const [first, second] = output.text.split('\r').slice(1).map(strip);
    // The first step took 2 s: ETA 999 × 2 s = 33:18.
    expect(first).toBe('   1/1000 ━━━━━━━━━━━━━━━━━━━━ 33:18 2s/step - accuracy: 0.2500 - loss: 0.5000');
    expect(second).toBe('   2/1000 ━━━━━━━━━━━━━━━━━━━━ 33:16:00 120s/step - accuracy: 0.2500 - loss: 5.0000e-04');
    const unknown = new RecordingOutput(true);
    let openClock = 0;
    const open = new Progbar({ target: null, output: unknown, now: () => openClock });
    openClock = 0.5;
    open.update(3, { loss: 1 });
    expect(strip(unknown.text)).toBe('\r      3/Unknown 0s 167ms/step - loss: 1.0000');
  });
});
