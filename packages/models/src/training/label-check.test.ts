import { useBackend } from '@strata/backend';
import { Callback } from '@strata/callbacks';
import { Dense, Softmax, clearSession, setRandomSeed } from '@strata/layers';
import { SparseCategoricalCrossentropy } from '@strata/losses';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

const x = () => tf.randomUniform([6, 4], 0, 1, 'float32', 5);
const labels = (values: number[]) => tf.tensor1d(values);

function classifier(loss: SparseCategoricalCrossentropy | string): Sequential {
  clearSession();
  setRandomSeed(3);
  const layers = [new Dense(8, { activation: 'relu', inputShape: [4] }), new Dense(3)];
  // The probabilities variant (fromLogits false) runs the loss's op chain, not the fused kernel.
  if (typeof loss !== 'string' && !loss.fromLogits) layers.push(new Softmax() as unknown as Dense);
  const model = new Sequential(layers, { name: 'labels' });
  model.compile({ optimizer: 'sgd', loss });
  return model;
}

let model: Sequential | null = null;
afterEach(() => {
  model?.dispose();
  model = null;
});

async function rejection(call: () => Promise<unknown>): Promise<ValueError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(ValueError);
    return error as ValueError;
  }
  throw new Error('expected a ValueError');
}

describe('sparse categorical labels out of range', () => {
  const losses: Array<[string, () => SparseCategoricalCrossentropy]> = [
    ['fused (from logits)', () => new SparseCategoricalCrossentropy({ fromLogits: true })],
    ['op chain (probabilities)', () => new SparseCategoricalCrossentropy()],
  ];
  for (const [name, loss] of losses) {
    it(`${name}: fit refuses 7, -1 and NaN for 3 classes, naming the value and the range, and leaks nothing`, async () => {
      model = classifier(loss());
      const inputs = x();
      for (const [bad, shown] of [
        [7, 'Target 7 is out of bounds'],
        [-1, 'Target -1 is out of bounds'],
        [Number.NaN, 'Target NaN is out of bounds'],
      ] as Array<[number, string]>) {
        const y = labels([0, 1, 2, bad, 1, bad]);
        const error = await expectNoLeak(() => rejection(() => model!.fit(inputs, y, { epochs: 3, batchSize: 2, verbose: 0 })));
        expect(error.message).toContain(shown);
        expect(error.message).toContain('expects integer class ids in [0, 3), and 2 label(s) seen since the metrics were last reset were not class ids in that range.');
        y.dispose();
      }
      // The check starts afresh: good labels train again.
      const good = labels([0, 1, 2, 2, 1, 0]);
      const history = await model.fit(inputs, good, { epochs: 2, batchSize: 2, verbose: 0 });
      expect(history.history.loss[1]).toBeGreaterThan(0);
      tf.dispose([inputs, good]);
    });
  }

  it('evaluate, trainOnBatch and testOnBatch refuse 12 at once', async () => {
    model = classifier('sparse_categorical_crossentropy');
    const inputs = x();
    const y = labels([0, 1, 12, 0, 1, 2]);
    expect((await rejection(() => model!.evaluate(inputs, y, { verbose: 0 }))).message).toMatch(/^Target 12 is out of bounds: the loss "sparse_categorical_crossentropy" of output "output"/);
    expect((await rejection(() => model!.trainOnBatch(inputs, y))).message).toMatch(/^Target 12 is out of bounds/);
    expect((await rejection(() => model!.testOnBatch(inputs, y))).message).toMatch(/^Target 12 is out of bounds/);
    tf.dispose([inputs, y]);
  });

  it('a callback that reads the batch logs sees the error at the first batch', async () => {
    model = classifier(new SparseCategoricalCrossentropy({ fromLogits: true }));
    const inputs = x();
    const y = labels([5, 1, 2, 0, 1, 2]);
    const seen: number[] = [];
    class LossReader extends Callback {
      override onTrainBatchEnd(batch: number, logs: Record<string, number>): void {
        seen.push(batch);
        expect(logs.loss).toBeGreaterThan(0);
      }
    }
    const reader = new LossReader();
    const error = await rejection(() => model!.fit(inputs, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0, callbacks: [reader] }));
    expect(error.message).toMatch(/^Target 5 is out of bounds/);
    expect(seen).toEqual([0]);
    tf.dispose([inputs, y]);
  });

  it('refuses fractional labels by value (Keras on torch truncates them) and takes ignoreClass as no error', async () => {
    model = classifier(new SparseCategoricalCrossentropy({ fromLogits: true }));
    const inputs = x();
    const fractional = labels([0, 1.7, 2, 0, 1.2, 2]);
    const whole = labels([0, 1, 2, 0, 1, 2]);
    expect((await rejection(() => model!.evaluate(inputs, fractional, { verbose: 0 }))).message).toMatch(/^Target 1.7 is not an integer class id/);
    expect(await model.evaluate(inputs, whole, { verbose: 0 })).toBeGreaterThan(0);
    model.dispose();
    model = classifier(new SparseCategoricalCrossentropy({ fromLogits: true, ignoreClass: -1 }));
    const ignored = labels([0, -1, 2, -1, 1, 2]);
    const history = await model.fit(inputs, ignored, { epochs: 1, verbose: 0 });
    expect(history.history.loss[0]).toBeGreaterThan(0);
    const beyond = labels([0, -1, 3, -1, 1, 2]);
    expect((await rejection(() => model!.evaluate(inputs, beyond, { verbose: 0 }))).message).toMatch(/^Target 3 is out of bounds/);
    tf.dispose([inputs, fractional, whole, ignored, beyond]);
  });

  it('reads nothing back per batch: one transfer per epoch, for the logs and the check together', async () => {
    model = classifier(new SparseCategoricalCrossentropy({ fromLogits: true }));
    const inputs = tf.randomUniform([64, 4], 0, 1, 'float32', 9);
    const y = tf.tensor1d(Array.from({ length: 64 }, (_, i) => i % 3), 'int32');
    const proto = tf.Tensor.prototype as unknown as { data: () => Promise<unknown>; dataSync: () => unknown };
    const { data, dataSync } = proto;
    let reads = 0;
    let syncReads = 0;
    proto.data = function (this: tf.Tensor) {
      reads++;
      return data.call(this);
    };
    proto.dataSync = function (this: tf.Tensor) {
      syncReads++;
      return dataSync.call(this);
    };
    try {
      await model.fit(inputs, y, { epochs: 2, batchSize: 4, verbose: 0 });
    } finally {
      proto.data = data;
      proto.dataSync = dataSync;
    }
    expect(syncReads).toBe(0);
    expect(reads).toBe(2);
    tf.dispose([inputs, y]);
  });
});
