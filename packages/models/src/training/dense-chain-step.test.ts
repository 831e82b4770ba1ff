import { useBackend } from '@strata/backend';
import { Add, Dense, Dropout, Flatten, Input, type Layer, setRandomSeed, type SymbolicTensor } from '@strata/layers';
import { BinaryCrossentropy, CategoricalCrossentropy, type Loss, SparseCategoricalCrossentropy } from '@strata/losses';
import { Adam, type Optimizer, RMSprop, SGD } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Model } from '../model';
import { Sequential } from '../sequential';

/**
 * The fused step of a Dense chain (dense-chain-step.ts) against the tape: the
 * same model trained both ways ends with the same weights and logs, bit for
 * bit, on cpu and on wasm. The tape twin's layers are a subclass of Dense,
 * which is never a chain link (a subclass may override `call`).
 */
class TapeDense extends Dense {}

interface Case {
  name: string;
  /** The model, with Dense layers of a subclass (trained through the tape) when `tape`. */
  build: (tape: boolean) => Model;
  loss: () => Loss;
  optimizer: () => Optimizer;
  x: () => tf.Tensor;
  y: () => tf.Tensor;
}

const dense = (tape: boolean, units: number, args: ConstructorParameters<typeof Dense>[1] = {}) => (tape ? new TapeDense(units, args) : new Dense(units, args));

const classes = [0, 1, 2, 1, 0, 2, 2, 1, 0, 0, 1, 2];

const cases: Case[] = [
  {
    name: 'Flatten → Dense(relu) → Dense, sparse CE from logits, Adam (the tutorial)',
    build: (tape) => new Sequential([new Flatten({ inputShape: [3, 4] }), dense(tape, 8, { activation: 'relu' }), dense(tape, 3)]),
    loss: () => new SparseCategoricalCrossentropy({ fromLogits: true }),
    optimizer: () => new Adam({ learningRate: 0.05 }),
    x: () => tf.randomNormal([12, 3, 4], 0, 1, 'float32', 3),
    y: () => tf.tensor1d(classes, 'float32'),
  },
  {
    name: 'Dense(relu) → Dense(relu) → Dense(softmax), categorical CE, RMSprop',
    build: (tape) => new Sequential([dense(tape, 8, { activation: 'relu', inputShape: [5] }), dense(tape, 6, { activation: 'relu' }), dense(tape, 3, { activation: 'softmax' })]),
    loss: () => new CategoricalCrossentropy(),
    optimizer: () => new RMSprop({ learningRate: 0.01 }),
    x: () => tf.randomNormal([12, 5], 0, 1, 'float32', 4),
    y: () => tf.oneHot(tf.tensor1d(classes, 'int32'), 3),
  },
  {
    name: 'Dense(linear, no bias) → Dense(relu) → Dense(sigmoid), binary CE, SGD with momentum and clipnorm',
    build: (tape) => new Sequential([dense(tape, 7, { useBias: false, inputShape: [6] }), dense(tape, 5, { activation: 'relu' }), dense(tape, 1, { activation: 'sigmoid' })]),
    loss: () => new BinaryCrossentropy(),
    optimizer: () => new SGD({ learningRate: 0.1, momentum: 0.9, clipnorm: 0.5 }),
    x: () => tf.randomNormal([12, 6], 0, 1, 'float32', 5),
    y: () => tf.tensor2d(classes.map((c) => [c === 1 ? 1 : 0])),
  },
  {
    name: 'functional: Input → Flatten → Dense(relu) → Dense(softmax), sparse CE, Adam',
    build: (tape) => {
      const input = Input({ shape: [3, 4] });
      const hidden = dense(tape, 8, { activation: 'relu' }).apply(new Flatten().apply(input)) as SymbolicTensor;
      return new Model({ inputs: input, outputs: dense(tape, 3, { activation: 'softmax' }).apply(hidden) as SymbolicTensor });
    },
    loss: () => new SparseCategoricalCrossentropy(),
    optimizer: () => new Adam({ learningRate: 0.05 }),
    x: () => tf.randomNormal([12, 3, 4], 0, 1, 'float32', 6),
    y: () => tf.tensor1d(classes, 'float32'),
  },
];

/** The kernels one call ran, by name. */
async function kernelsOf(run: () => Promise<unknown>): Promise<Set<string>> {
  const profile = await tf.profile(async () => {
    await run();
  });
  return new Set(profile.kernels.map((kernel) => kernel.name));
}

interface Trained {
  weights: Float32Array[];
  history: Record<string, number[]>;
  kernels: Set<string>;
}

async function train(testCase: Case, tape: boolean): Promise<Trained> {
  setRandomSeed(7);
  const model = testCase.build(tape);
  model.compile({ optimizer: testCase.optimizer(), loss: testCase.loss(), metrics: ['accuracy'] });
  const [x, y] = [testCase.x(), testCase.y()];
  await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, shuffle: false });
  const tensors = tf.memory().numTensors;
  let history: Record<string, number[]> = {};
  const kernels = await kernelsOf(async () => {
    history = (await model.fit(x, y, { epochs: 3, batchSize: 5, verbose: 0, seed: 1 })).history as Record<string, number[]>;
  });
  // No tensor outlives a step: the slots exist since the first fit.
  expect(tf.memory().numTensors).toBe(tensors);
  const snapshot = model.getWeights();
  const weights = snapshot.map((w) => w.dataSync() as Float32Array);
  tf.dispose([x, y, ...snapshot]);
  model.dispose();
  return { weights, history, kernels };
}

describe('the fused step of a Dense chain', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const testCase of cases) {
      it(`${backend}: ${testCase.name}: bit for bit the tape's weights and logs`, async () => {
        await useBackend(backend);
        const chain = await train(testCase, false);
        const tape = await train(testCase, true);
        expect(chain.kernels.has('StrataDenseChainForward')).toBe(true);
        expect(chain.kernels.has('StrataDenseChainBackward')).toBe(true);
        expect(tape.kernels.has('StrataDenseChainForward')).toBe(false);
        expect(chain.weights.length).toBe(tape.weights.length);
        chain.weights.forEach((w, i) => expect(Array.from(w)).toEqual(Array.from(tape.weights[i])));
        expect(chain.history).toEqual(tape.history);
        // It trained: the loss fell.
        expect(chain.history.loss[2]).toBeLessThan(chain.history.loss[0]);
      });
    }
  }

  it('leaves to the tape what it does not compute: sample weights, a frozen layer, a Dropout layer, a subclass of Sequential overriding call, a graph that is not a line', async () => {
    await useBackend('wasm');
    const x = tf.randomNormal([8, 5], 0, 1, 'float32', 9);
    const y = tf.tensor1d([0, 1, 2, 1, 0, 2, 2, 1]);
    const build = (layers: Layer[], model: Model = new Sequential(layers)) => {
      model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
      return model;
    };
    const layers = () => [new Dense(4, { activation: 'relu', inputShape: [5] }), new Dense(3)];
    const frozen = layers();
    frozen[0].trainable = false;
    class Custom extends Sequential {
      override call(inputs: Parameters<Sequential['call']>[0], options?: Parameters<Sequential['call']>[1]): tf.Tensor {
        return super.call(inputs, options);
      }
    }
    // Two Dense layers whose outputs are added: not a line.
    const branched = () => {
      const input = Input({ shape: [5] });
      const hidden = new Dense(4, { activation: 'relu' }).apply(input) as SymbolicTensor;
      const sum = new Add().apply([hidden, new Dense(4).apply(input) as SymbolicTensor]) as SymbolicTensor;
      return new Model({ inputs: input, outputs: new Dense(3).apply(sum) as SymbolicTensor });
    };
    const runs: Array<[string, Model, tf.Tensor | undefined]> = [
      ['chain', build(layers()), undefined],
      ['sample weights', build(layers()), tf.ones([8])],
      ['frozen layer', build(frozen), undefined],
      ['dropout', build([new Dense(4, { activation: 'relu', inputShape: [5] }), new Dropout(0.5), new Dense(3)]), undefined],
      ['Sequential subclass', build(layers(), new Custom(layers())), undefined],
      ['functional with a branch', build([], branched()), undefined],
    ];
    for (const [name, model, sampleWeight] of runs) {
      const kernels = await kernelsOf(() => model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0, sampleWeight }));
      expect(kernels.has('StrataDenseChainForward'), name).toBe(name === 'chain');
      model.dispose();
      sampleWeight?.dispose();
    }
    tf.dispose([x, y]);
  });

  // The chain does not apply, the tape runs and the layer refuses the batch; the tape's saved tensors
  // used to leak then (tape.ts).
  it('a batch that does not fit the first layer is refused by that layer, as on the tape, and leaks nothing', async () => {
    await useBackend('wasm');
    const model = new Sequential([new Flatten(), new Dense(4, { activation: 'relu' }), new Dense(3)]);
    model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
    const y = tf.tensor1d([0, 1]);
    const x = tf.ones([2, 2, 3]);
    await model.trainOnBatch(x, y);
    await model.trainOnBatch(x, y);
    const wrong = tf.ones([2, 7]);
    const tensors = tf.memory().numTensors;
    await expect(model.trainOnBatch(wrong, y)).rejects.toThrow(/dense/);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, y, wrong]);
    model.dispose();
  });

  it('targets the loss refuses are reported, and leak nothing, on the chain and on the tape', async () => {
    await useBackend('wasm');
    for (const tape of [false, true]) {
      const model = new Sequential([dense(tape, 4, { activation: 'relu', inputShape: [5] }), dense(tape, 3)]);
      model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy({ fromLogits: true }) });
      const x = tf.ones([2, 5]);
      const y = tf.tensor1d([0, 1]);
      await model.trainOnBatch(x, y);
      // One-hot rows where the loss wants class ids.
      const wrong = tf.ones([2, 4]);
      const tensors = tf.memory().numTensors;
      await expect(model.trainOnBatch(x, wrong)).rejects.toThrow(/integer class ids/);
      expect(tf.memory().numTensors, tape ? 'tape' : 'chain').toBe(tensors);
      tf.dispose([x, y, wrong]);
      model.dispose();
    }
  });
});
