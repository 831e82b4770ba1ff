// With interactive logging disabled (keras.config.disableInteractiveLogging), the progress of fit, evaluate and
// predict reaches the logging channel (console.info) one whole line per update, and nothing is drawn on stdout.
import { useBackend } from '@strata/backend';
import { disableInteractiveLogging, enableInteractiveLogging } from '@strata/callbacks';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { goldenCase, goldenModel } from './train-api-golden';

beforeAll(() => useBackend('cpu'));
afterEach(() => {
  enableInteractiveLogging();
  vi.restoreAllMocks();
});

describe('fit, evaluate and predict without interactive logging', () => {
  it('log one line per update and write nothing to stdout', async () => {
    const { model, data } = goldenModel(goldenCase('ema_no_callback'));
    const [x, y] = data;
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    disableInteractiveLogging();
    await model.fit(x, y, { batchSize: 4, epochs: 2, shuffle: false, verbose: 1 });
    const fitLines = info.mock.calls.map(([line]) => String(line));
    await model.evaluate(x, y, { batchSize: 8, verbose: 1 });
    const predicted = (await model.predict(x, { batchSize: 8, verbose: 1 })) as tf.Tensor;
    predicted.dispose();
    const lines = info.mock.calls.map(([line]) => String(line));
    expect(stdout).not.toHaveBeenCalled();
    for (const line of lines) expect(['\r', '\n', '\u001b'].filter((control) => line.includes(control))).toEqual([]);
    expect(fitLines[0]).toBe('Epoch 1/2');
    expect(fitLines.filter((line) => /^Epoch \d\/2$/.test(line))).toEqual(['Epoch 1/2', 'Epoch 2/2']);
    // Each epoch ends on its 2/2 line with the loss; evaluate and predict each draw their 1/1 line.
    expect(fitLines.filter((line) => /^2\/2 ━{20} \d+s \d+\w?s\/step - loss: \d\.\d{4}$/.test(line)).length).toBeGreaterThanOrEqual(2);
    const rest = lines.slice(fitLines.length);
    expect(rest.some((line) => /^1\/1 ━{20} \d+s \d+\w?s\/step - loss: \d\.\d{4}$/.test(line))).toBe(true);
    expect(rest.at(-1)).toMatch(/^1\/1 ━{20} \d+s \d+\w?s\/step$/);
    model.dispose();
    tf.dispose(data);
  });
});
