import { useBackend } from '@strata/backend';
import { Dense, Flatten, Input, clearSession, setRandomSeed } from '@strata/layers';
import { expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValueError } from '../errors';
import { Model } from '../model';
import { Sequential } from '../sequential';
import type { DatasetLike } from './data';

beforeAll(async () => {
  await useBackend('cpu');
});

let model: Sequential;
let x: tf.Tensor2D;
let y: tf.Tensor1D;

beforeEach(() => {
  clearSession();
  setRandomSeed(7);
  model = new Sequential([new Dense(8, { activation: 'relu', inputShape: [4] }), new Dense(3)], { name: 'small' });
  model.compile({ optimizer: 'sgd', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });
  x = tf.randomUniform([10, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
  y = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
});

afterEach(() => {
  tf.dispose([x, y]);
  model.dispose();
});

/** A Dataset of `batches` batches of the shared data (each a fresh copy the loop frees). */
function datasetOf(batches: number): DatasetLike {
  return {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < batches; i++) yield [tf.clone(x), tf.clone(y)];
    },
  };
}

/** Asserts `call` is refused with a ValueError matching `message`, leaving no tensor behind. */
async function expectRefused(call: () => Promise<unknown> | unknown, message: RegExp | string): Promise<void> {
  await expectNoLeak(async () => {
    let caught: unknown;
    try {
      await call();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValueError);
    expect((caught as Error).message).toMatch(message);
  });
}

describe('argument checks of fit', () => {
  it.each([
    [{ batchSize: 0 }, 'Argument `batchSize` of fit() should be a positive integer, but got batchSize=0.'],
    [{ batchSize: -1 }, 'batchSize=-1'],
    [{ batchSize: Number.NaN }, 'batchSize=NaN'],
    [{ batchSize: 2.5 }, 'batchSize=2.5'],
    [{ stepsPerEpoch: 0 }, 'Argument `stepsPerEpoch` of fit() should be a positive integer, but got stepsPerEpoch=0.'],
    [{ epochs: -1 }, 'Argument `epochs` of fit() should be an integer of 0 or more, but got epochs=-1.'],
    [{ epochs: 1.5 }, 'epochs=1.5'],
    [{ initialEpoch: -2 }, 'initialEpoch=-2'],
    [{ validationSteps: 0 }, 'validationSteps=0'],
    [{ validationBatchSize: -4 }, 'validationBatchSize=-4'],
    [{ validationFreq: 0 }, 'validationFreq=0'],
    [{ validationSplit: 1.5 }, 'Argument `validationSplit` of fit() should be a number in [0, 1)'],
    [{ validationSplit: -0.5 }, 'validationSplit=-0.5'],
    [{ validationSplit: 1 }, 'validationSplit=1.'],
  ])('refuses %j up front, in a sentence, before any step', async (args, message) => {
    const before = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    await expectRefused(() => model.fit(x, y, { verbose: 0, ...args }), message);
    // Nothing trained: the loss is what it was.
    const after = (await model.evaluate(x, y, { verbose: 0, returnDict: true })) as Record<string, number>;
    expect(after.loss).toBe(before.loss);
  });

  it('refuses a split that leaves no training sample, in Keras words', async () => {
    const one = tf.zeros([1, 4]);
    const labels = tf.zeros([1]);
    await expectRefused(
      () => model.fit(one, labels, { verbose: 0, validationSplit: 0.2 }),
      'Training data contains 1 samples, which is not sufficient to split it into a validation and training set as specified by `validationSplit=0.2`.',
    );
    tf.dispose([one, labels]);
  });

  it('refuses empty data instead of reporting a loss of 0', async () => {
    const empty = tf.zeros([0, 4]);
    const labels = tf.zeros([0]);
    await expectRefused(() => model.fit(empty, labels, { verbose: 0 }), 'fit() received no samples: the input data holds 0 rows');
    await expectRefused(() => model.fit([] as number[], [] as number[], { verbose: 0 }), /received no samples|Could not convert/);
    await expectRefused(
      () => model.fit(x, y, { verbose: 0, validationData: [empty, labels] }),
      'fit() received no samples: validationData holds 0 rows',
    );
    await expectRefused(() => model.fit(datasetOf(0), { verbose: 0 }), 'fit() received no samples: the Dataset yielded no batch in epoch 1.');
    tf.dispose([empty, labels]);
  });

  it('stops, as Keras does, when a Dataset runs dry after the first epoch', async () => {
    let epochs = 0;
    const once: DatasetLike = {
      [Symbol.asyncIterator]() {
        epochs++;
        return (async function* () {
          if (epochs === 1) yield [tf.clone(x), tf.clone(y)];
        })();
      },
    };
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const history = await model.fit(once, { epochs: 3, verbose: 0 });
      expect(history.epoch).toEqual([0]);
      expect(history.history.loss[0]).toBeGreaterThan(0);
    } finally {
      console.warn = warn;
    }
    expect(warnings[0]).toMatch(/ran out of data/);
  });

  it('still accepts epochs 0 and an initialEpoch past epochs, which train nothing as in Keras', async () => {
    expect((await model.fit(x, y, { epochs: 0, verbose: 0 })).epoch).toEqual([]);
    expect((await model.fit(x, y, { epochs: 1, initialEpoch: 2, verbose: 0 })).epoch).toEqual([]);
  });
});

describe('argument checks of evaluate, predict and the on-batch methods', () => {
  it('refuses bad batch sizes and step counts', async () => {
    await expectRefused(() => model.evaluate(x, y, { batchSize: 0, verbose: 0 }), 'Argument `batchSize` of evaluate() should be a positive integer');
    await expectRefused(() => model.evaluate(x, y, { steps: 0, verbose: 0 }), 'steps=0');
    // batchSize 0 used to loop forever, growing memory.
    await expectRefused(() => model.predict(x, { batchSize: 0 }), 'Argument `batchSize` of predict() should be a positive integer, but got batchSize=0.');
    await expectRefused(() => model.predict(x, { batchSize: -3 }), 'batchSize=-3');
    await expectRefused(() => model.predict(x, { steps: 1.5 }), 'steps=1.5');
  });

  it('refuses empty data', async () => {
    const empty = tf.zeros([0, 4]);
    const labels = tf.zeros([0]);
    await expectRefused(() => model.evaluate(empty, labels, { verbose: 0 }), 'evaluate() received no samples');
    await expectRefused(() => model.evaluate(datasetOf(0), { verbose: 0 }), 'evaluate() received no samples');
    // predict on empty input used to return [] (a JS array, not a tensor).
    await expectRefused(() => model.predict(empty), 'predict() received no samples');
    await expectRefused(() => model.predict(datasetOf(0)), 'predict() received no samples');
    await expectRefused(() => model.trainOnBatch(empty, labels), 'trainOnBatch() received no samples');
    await expectRefused(() => model.testOnBatch(empty, labels), 'testOnBatch() received no samples');
    // As Keras's predict_on_batch: an empty batch gives an empty output.
    const out = model.predictOnBatch(empty) as tf.Tensor;
    expect(out.shape).toEqual([0, 3]);
    tf.dispose([empty, labels, out]);
  });

  it('asks for compile() before the on-batch methods, with nothing created', async () => {
    const bare = new Sequential([new Dense(3, { inputShape: [4] })]);
    await expectRefused(() => bare.trainOnBatch(x, y), 'You must call compile() on model');
    await expectRefused(() => bare.testOnBatch(x, y), 'You must call compile() on model');
    bare.dispose();
  });

  it('refuses sample weights of another length than the data', async () => {
    const weights = tf.ones([7]);
    await expectRefused(() => model.evaluate(x, y, { sampleWeight: weights, verbose: 0 }), /Data cardinality is ambiguous[\s\S]*'sample_weight' sizes: 7/);
    await expectRefused(() => model.trainOnBatch(x, y, weights), /'sample_weight' sizes: 7/);
    await expectRefused(() => model.testOnBatch(x, y, weights), /'sample_weight' sizes: 7/);
    await expectRefused(() => model.fit(x, y, { sampleWeight: weights, verbose: 0 }), /'sample_weight' sizes: 7/);
    weights.dispose();
  });

  it('refuses targets of the wrong number, naming the model', async () => {
    await expectRefused(() => model.fit(x, [y, y], { verbose: 0 }), 'Model "small" has 1 output(s), but 2 target array(s) were given.');
    await expectRefused(() => model.evaluate(x, [y, y], { verbose: 0 }), 'has 1 output(s), but 2 target array(s)');
    await expectRefused(() => model.trainOnBatch(x, [y, y]), 'has 1 output(s), but 2 target array(s)');
  });
});

describe('input shapes and dtypes', () => {
  function mnistShaped(): Sequential {
    const seq = new Sequential([Input({ shape: [28, 28] }), new Flatten(), new Dense(10)], { name: 'digits' });
    seq.compile({ optimizer: 'sgd', loss: 'mse' });
    return seq;
  }

  it('refuses an input of the wrong shape at every entry point, naming the model and both shapes', async () => {
    const seq = mnistShaped();
    const flat = tf.zeros([2, 784]);
    const targets = tf.zeros([2, 10]);
    const message = 'Input 0 of model "digits" is incompatible with the model: expected shape=(None, 28, 28), found shape=(2, 784).';
    await expectRefused(() => seq.predict(flat), message);
    await expectRefused(() => seq.fit(flat, targets, { verbose: 0 }), message);
    await expectRefused(() => seq.evaluate(flat, targets, { verbose: 0 }), message);
    await expectRefused(() => seq.trainOnBatch(flat, targets), message);
    await expectRefused(() => seq.testOnBatch(flat, targets), message);
    await expectRefused(() => seq.predictOnBatch(flat), message);
    // Same rank, one size off.
    const narrow = tf.zeros([2, 28, 27]);
    await expectRefused(() => seq.predict(narrow), 'expected shape=(None, 28, 28), found shape=(2, 28, 27)');
    // A Dataset's batches are checked when they reach the model.
    const batches: DatasetLike = {
      async *[Symbol.asyncIterator]() {
        yield [tf.zeros([2, 784]), tf.zeros([2, 10])];
      },
    };
    await expect(seq.fit(batches, { verbose: 0 })).rejects.toThrow(message);
    tf.dispose([flat, targets, narrow]);
    seq.dispose();
  });

  it("takes an input one axis off where that axis is 1, as Keras's Functional adjusts the rank", async () => {
    const seq = mnistShaped();
    const images = tf.randomUniform([2, 28, 28], 0, 1, 'float32', 4);
    const withChannel = tf.reshape(images, [2, 28, 28, 1]);
    const expected = seq.predictOnBatch(images) as tf.Tensor;
    const adjusted = (await seq.predict(withChannel)) as tf.Tensor;
    expect(Array.from(adjusted.dataSync())).toEqual(Array.from(expected.dataSync()));
    const a = Input({ shape: [3, 1] });
    const functional = new Model({ inputs: a, outputs: new Dense(2).apply(new Flatten().apply(a)), name: 'column' });
    const column = tf.tensor2d([[1, 2, 3]]);
    const fromRankTwo = functional.predictOnBatch(column) as tf.Tensor;
    const columnRankThree = tf.reshape(column, [1, 3, 1]);
    const fromRankThree = functional.predictOnBatch(columnRankThree) as tf.Tensor;
    expect(Array.from(fromRankTwo.dataSync())).toEqual(Array.from(fromRankThree.dataSync()));
    const wide = tf.zeros([1, 3, 2]);
    await expectRefused(() => functional.predict(wide), 'expected shape=(None, 3, 1), found shape=(1, 3, 2)');
    tf.dispose([images, withChannel, expected, adjusted, column, columnRankThree, fromRankTwo, fromRankThree, wide]);
    seq.dispose();
    functional.dispose();
  });

  it('refuses the wrong number of inputs of a functional model', async () => {
    const a = Input({ shape: [4], name: 'a' });
    const functional = new Model({ inputs: a, outputs: new Dense(3).apply(a), name: 'f' });
    functional.compile({ optimizer: 'sgd', loss: 'mse' });
    await expectRefused(() => functional.predict([x, x]), 'Model "f" expects 1 input(s), but it received 2 input tensor(s).');
    functional.dispose();
  });

  it('casts int32 inputs to the model input dtype, in fit as in predict', async () => {
    const pixels = tf.tidy(() => tf.cast(tf.mul(tf.randomUniform([6, 28, 28], 0, 1, 'float32', 3), 255), 'int32'));
    const targets = tf.zeros([6, 10]);
    const seq = mnistShaped();
    const asFloat = tf.cast(pixels, 'float32');
    const expected = seq.predictOnBatch(asFloat) as tf.Tensor;
    const fromInts = (await seq.predict(pixels)) as tf.Tensor;
    expect(fromInts.dtype).toBe('float32');
    expect(Array.from(fromInts.dataSync())).toEqual(Array.from(expected.dataSync()));
    const history = await expectNoLeak(() => seq.fit(pixels, targets, { epochs: 1, batchSize: 3, verbose: 0 }));
    expect(history.history.loss[0]).toBeGreaterThan(0);
    const loss = (await seq.evaluate(pixels, targets, { verbose: 0 })) as number;
    expect(Number.isFinite(loss)).toBe(true);
    expect(typeof (await seq.trainOnBatch(pixels, targets))).toBe('number');
    tf.dispose([pixels, targets, asFloat, expected, fromInts]);
    seq.dispose();
  });

  it('casts int32 inputs for a Sequential that learns its input shape from the data', async () => {
    const ints = tf.cast(tf.mul(x, 10), 'int32');
    const history = await model.fit(ints, y, { epochs: 1, verbose: 0 });
    expect(history.history.loss[0]).toBeGreaterThan(0);
    tf.dispose(ints);
  });
});
