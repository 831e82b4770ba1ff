import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Callback, type Logs } from './callback';
import { CallbackList } from './callback-list';
import { History } from './history';
import { LambdaCallback } from './lambda-callback';
import { ProgbarLogger } from './progbar-logger';
import { LinearModel, RecordingOutput, fit, regressionData } from './test-support/linear-model';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('CallbackList', () => {
  it('appends History and ProgbarLogger after the user callbacks, once', () => {
    const user = new LambdaCallback();
    const list = new CallbackList([user], { addHistory: true, addProgbar: true, epochs: 3, steps: 5, verbose: 2 });
    expect(list.callbacks[0]).toBe(user);
    expect(list.callbacks[1]).toBeInstanceOf(History);
    expect(list.callbacks[2]).toBeInstanceOf(ProgbarLogger);
    expect(user.params).toEqual({ epochs: 3, steps: 5, verbose: 2 });
    const history = new History();
    const again = new CallbackList([history], { addHistory: true });
    expect(again.callbacks).toEqual([history]);
    expect(again.history).toBe(history);
  });

  it('runs hooks in order and awaits each before the next', async () => {
    const events: string[] = [];
    class Slow extends Callback {
      override async onEpochEnd(epoch: number): Promise<void> {
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`slow ${epoch}`);
      }
    }
    const list = new CallbackList([new Slow(), new LambdaCallback({ onEpochEnd: (epoch) => void events.push(`fast ${epoch}`) })]);
    await list.onEpochEnd(0, {});
    await list.onEpochEnd(1, {});
    expect(events).toEqual(['slow 0', 'fast 0', 'slow 1', 'fast 1']);
  });

  it('drives a real training run: History records 0-based epochs and epoch-mean losses', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const calls: string[] = [];
    const tracer = new LambdaCallback({
      onTrainBegin: () => void calls.push('trainBegin'),
      onEpochBegin: (epoch) => void calls.push(`epochBegin ${epoch}`),
      onTestEnd: (logs?: Logs) => void calls.push(`testEnd ${Object.keys(logs ?? {})}`),
      onEpochEnd: (epoch, logs) => void calls.push(`epochEnd ${epoch} ${Object.keys(logs ?? {}).join(',')}`),
      onTrainEnd: () => void calls.push('trainEnd'),
    });
    const before = tf.memory().numTensors;
    const history = await fit(model, x, y, { epochs: 3, callbacks: [tracer], validation: { x, y } });
    expect(tf.memory().numTensors).toBe(before);
    expect(history.epoch).toEqual([0, 1, 2]);
    expect(history.history.loss).toHaveLength(3);
    expect(history.history.val_loss).toHaveLength(3);
    // Training converges: the epoch means fall.
    expect(history.history.loss[2]).toBeLessThan(history.history.loss[0]);
    expect(calls).toEqual([
      'trainBegin',
      'epochBegin 0',
      'testEnd loss',
      'epochEnd 0 loss,val_loss',
      'epochBegin 1',
      'testEnd loss',
      'epochEnd 1 loss,val_loss',
      'epochBegin 2',
      'testEnd loss',
      'epochEnd 2 loss,val_loss',
      'trainEnd',
    ]);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('leaves lazy batch logs unread when no callback reads them', async () => {
    const { x, y } = regressionData();
    const model = new LinearModel(2);
    const reads = { count: 0 };
    await fit(model, x, y, { epochs: 2, callbacks: [new LambdaCallback({ onTrainBatchEnd: () => undefined })], reads });
    expect(reads.count).toBe(0);
    model.dispose();
    tf.dispose([x, y]);
  });

  it('passes one epoch-logs object to all callbacks, so added keys reach History', async () => {
    const list = new CallbackList([new LambdaCallback({ onEpochEnd: (_epoch, logs) => void (logs!.extra = 7) })], { addHistory: true });
    await list.onTrainBegin();
    await list.onEpochEnd(0, { loss: 1 });
    expect(list.history.history).toEqual({ loss: [1], extra: [7] });
  });

  it('restore() asks for a model', async () => {
    await expect(new CallbackList([]).restore()).rejects.toThrow(/needs a model/);
    const quiet = new RecordingOutput(false);
    expect(await new CallbackList([], { model: new LinearModel(1), output: quiet }).restore()).toBeUndefined();
  });
});
