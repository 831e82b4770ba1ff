import { useBackend } from '@strata/backend';
import { checkVariableGradients, expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { randomInput } from '../test-support/layer-inputs';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { LSTMCell } from './lstm-cell';
import { type Kind, naiveRecurrent } from './naive-recurrent';
import { RNN } from './rnn';
import { SimpleRNN } from './simple-rnn';
import { setRandomSeed } from '../initializers/seed';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { rnnSpecs } from '../test-support/specs/rnn';

beforeAll(async () => {
  await useBackend('cpu');
});

const BATCH = 2;
const STEPS = 5;
const FEATURES = 3;
const UNITS = 4;
// float32 against float64 over 5 steps of a few-term sums: 1e-5 relative with a 1e-6 floor.
const TOLERANCE = { rtol: 1e-5, atol: 1e-6 };

function makeLayer(kind: Kind, args: Record<string, unknown> = {}): RNN {
  // A bias that is not zero, so that the reference checks its placement too.
  const common = { biasInitializer: { class_name: 'RandomUniform', config: { minval: -0.5, maxval: 0.5, seed: 3 } }, ...args } as never;
  if (kind === 'simple') return new SimpleRNN(UNITS, common);
  if (kind === 'lstm') return new LSTM(UNITS, common);
  return new GRU(UNITS, { ...(common as object), resetAfter: kind === 'gru' });
}

function weightsOf(layer: RNN) {
  const [kernel, recurrentKernel, bias] = layer.getWeights().map((w) => w.arraySync());
  return { kernel: kernel as number[][], recurrentKernel: recurrentKernel as number[][], bias: bias as number[] };
}

const KINDS: Kind[] = ['simple', 'lstm', 'gru', 'gru_reset_before'];

describe('recurrent layers against a per-step reference', () => {
  let x: tf.Tensor;
  let xArray: number[][][];
  beforeAll(() => {
    x = randomInput([BATCH, STEPS, FEATURES], 'float32', 10, 21);
    xArray = x.arraySync() as number[][][];
  });
  const mask = [
    [true, true, false, true, false],
    [false, true, true, true, true],
  ];

  it.each(KINDS)('%s: forwards, backwards, masked, with states', (kind) => {
    for (const goBackwards of [false, true]) {
      for (const masked of [false, true]) {
        const layer = makeLayer(kind, { returnSequences: true, returnState: true, goBackwards });
        const [sequences, ...states] = layer.apply(x, { mask: masked ? tf.tensor2d(mask) : null }) as unknown as tf.Tensor[];
        const expected = naiveRecurrent(kind, xArray, weightsOf(layer), UNITS, { goBackwards, mask: masked ? mask : undefined });
        expectAllClose(sequences, expected.sequences.flat(2), TOLERANCE);
        states.forEach((state, i) => {
          expectAllClose(state, expected.states.flatMap((s) => s[i]), TOLERANCE);
        });
        const lastOnly = makeLayer(kind, { goBackwards });
        lastOnly.apply(x);
        lastOnly.setWeights(layer.getWeights());
        expectAllClose(lastOnly.apply(x, { mask: masked ? tf.tensor2d(mask) : null }) as tf.Tensor, expected.last.flat(), TOLERANCE);
      }
    }
  });

  it('an LSTM gets the mask of an integer sequence and computes the output mask', () => {
    const layer = new LSTM(UNITS, { returnSequences: true });
    const sequenceMask = tf.tensor2d(mask);
    layer.apply(x, { mask: sequenceMask });
    expect(layer.computeMask(x, sequenceMask)).toBe(sequenceMask);
    expect(new LSTM(UNITS).computeMask(x, sequenceMask)).toBeNull();
    expect(new LSTM(UNITS, { returnState: true }).computeMask(x, sequenceMask)).toEqual([null, null, null]);
  });

  it('zeroOutputForMask writes zeros at masked steps', () => {
    const layer = makeLayer('simple', { returnSequences: true, zeroOutputForMask: true });
    const out = (layer.apply(x, { mask: tf.tensor2d(mask) }) as tf.Tensor).arraySync() as number[][][];
    expect(out[0][2].every((v) => v === 0)).toBe(true);
    expect(out[1][0].every((v) => v === 0)).toBe(true);
  });

  it('initialState starts the loop from given states', () => {
    const layer = makeLayer('gru', { returnState: true });
    const start = tf.randomNormal([BATCH, UNITS], 0, 1, 'float32', 4);
    const [fromStart] = layer.apply(x, { initialState: [start] } as never) as unknown as tf.Tensor[];
    const [fromZeros] = layer.apply(x) as unknown as tf.Tensor[];
    expect(tf.max(tf.abs(tf.sub(fromStart, fromZeros))).dataSync()[0]).toBeGreaterThan(1e-4);
  });
});

describe('weights and state', () => {
  it('names and orders the weights as Keras: <rnn>/<cell>/kernel, recurrent_kernel, bias', () => {
    const lstm = new LSTM(UNITS, { name: 'lstm' });
    lstm.apply(tf.zeros([1, STEPS, FEATURES]));
    expect(lstm.weights.map((w) => w.path)).toEqual(['lstm/lstm_cell/kernel', 'lstm/lstm_cell/recurrent_kernel', 'lstm/lstm_cell/bias']);
    expect(lstm.weights.map((w) => w.shape)).toEqual([
      [FEATURES, 4 * UNITS],
      [UNITS, 4 * UNITS],
      [4 * UNITS],
    ]);
    // unit_forget_bias: zeros, ones for the forget gate, zeros.
    expect(Array.from(lstm.weights[2].read().dataSync())).toEqual([...Array(UNITS).fill(0), ...Array(UNITS).fill(1), ...Array(2 * UNITS).fill(0)]);
    const gru = new GRU(UNITS, { name: 'gru' });
    gru.apply(tf.zeros([1, STEPS, FEATURES]));
    expect(gru.weights.map((w) => [w.path, w.shape])).toEqual([
      ['gru/gru_cell/kernel', [FEATURES, 3 * UNITS]],
      ['gru/gru_cell/recurrent_kernel', [UNITS, 3 * UNITS]],
      ['gru/gru_cell/bias', [2, 3 * UNITS]],
    ]);
    const simple = new SimpleRNN(UNITS, { name: 'simple_rnn' });
    simple.apply(tf.zeros([1, STEPS, FEATURES]));
    expect(simple.weights.map((w) => w.path)[0]).toBe('simple_rnn/simple_rnn_cell/kernel');
  });

  it('a cell applies on its own to [inputs, ...states], as one step of its RNN', () => {
    const x = randomInput([BATCH, 1, FEATURES], 'float32', 10, 12);
    const layer = new LSTM(UNITS, { returnState: true });
    const [output, h, c] = layer.apply(x) as unknown as tf.Tensor[];
    const cell = new LSTMCell(UNITS);
    const step = tf.squeeze(x, [1]);
    const zeros = tf.zeros([BATCH, UNITS]);
    cell.apply([step, zeros, zeros]);
    cell.setWeights(layer.getWeights());
    const [cellOutput, cellH, cellC] = cell.apply([step, zeros, zeros]) as tf.Tensor[];
    expectAllClose(cellOutput, output, TOLERANCE);
    expectAllClose(cellH, h, TOLERANCE);
    expectAllClose(cellC, c, TOLERANCE);
    expect(cell.computeOutputShape([[null, FEATURES], [null, UNITS], [null, UNITS]])).toEqual([[null, UNITS], [null, UNITS], [null, UNITS]]);
  });

  it('a stateful layer continues from its last states until resetStates', () => {
    const x = randomInput([BATCH, 2 * STEPS, FEATURES], 'float32', 10, 8);
    const whole = new LSTM(UNITS);
    const expected = whole.apply(x) as tf.Tensor;
    const stateful = new LSTM(UNITS, { stateful: true });
    stateful.apply(tf.slice(x, [0, 0, 0], [BATCH, STEPS, FEATURES]));
    stateful.setWeights(whole.getWeights());
    stateful.resetStates();
    stateful.apply(tf.slice(x, [0, 0, 0], [BATCH, STEPS, FEATURES]));
    const continued = stateful.apply(tf.slice(x, [0, STEPS, 0], [BATCH, STEPS, FEATURES])) as tf.Tensor;
    expectAllClose(continued, expected, TOLERANCE);
    stateful.resetStates();
    expect(stateful.states?.every((s) => tf.max(tf.abs(s)).dataSync()[0] === 0)).toBe(true);
    expect(() => whole.resetStates()).toThrow(/not stateful/);
  });

  it('runs a user cell object with stateSize and call(inputs, states)', () => {
    const kernel = tf.variable(tf.randomNormal([FEATURES, UNITS], 0, 0.5, 'float32', 2));
    const cell = {
      stateSize: UNITS,
      call: (inputs: tf.Tensor, states: tf.Tensor[]): [tf.Tensor, tf.Tensor[]] => {
        const output = tf.tanh(tf.add(tf.matMul(inputs as tf.Tensor2D, kernel), states[0]));
        return [output, [output]];
      },
    };
    const layer = new RNN(cell, { returnSequences: true });
    const x = randomInput([BATCH, STEPS, FEATURES]);
    const out = (layer.apply(x) as tf.Tensor).arraySync() as number[][][];
    const k = kernel.arraySync() as number[][];
    const xs = x.arraySync() as number[][][];
    xs.forEach((sample, b) => {
      let h = new Array(UNITS).fill(0);
      sample.forEach((row, t) => {
        h = h.map((prev, j) => Math.tanh(row.reduce((s, v, i) => s + v * k[i][j], 0) + prev));
        expectAllClose(out[b][t], h, TOLERANCE);
      });
    });
    expect(layer.computeOutputShape([null, STEPS, FEATURES])).toEqual([null, STEPS, UNITS]);
  });

  it('dropout acts in training only, with one mask per sequence', () => {
    const x = randomInput([BATCH, STEPS, FEATURES], 'float32', 10, 6);
    const plain = new GRU(UNITS);
    const dropped = new GRU(UNITS, { dropout: 0.5, recurrentDropout: 0.5, seed: 1 });
    const inference = plain.apply(x) as tf.Tensor;
    dropped.apply(x);
    dropped.setWeights(plain.getWeights());
    expectAllClose(dropped.apply(x, { training: false }) as tf.Tensor, inference, TOLERANCE);
    const training = dropped.apply(x, { training: true }) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(training, inference))).dataSync()[0]).toBeGreaterThan(1e-3);
    expect(dropped.getConfig()).toMatchObject({ dropout: 0.5, recurrent_dropout: 0.5, seed: 1, reset_after: true });
  });

  it('the finite-difference gradient holds on masked sequences too', () => {
    // Seeded: the kernels' random initial values set how far float32 finite differences stray (up to 0.046 seen).
    setRandomSeed(11);
    const x = randomInput([BATCH, STEPS, FEATURES], 'float32', 10, 5);
    for (const kind of KINDS) {
      const layer = makeLayer(kind, { returnSequences: true });
      const mask = tf.tensor2d([
        [true, false, true, true, false],
        [true, true, false, true, true],
      ]);
      layer.apply(x);
      const projection = tf.randomNormal([BATCH, STEPS, UNITS], 0, 1, 'float32', 7);
      const objective = () => tf.sum(tf.mul(layer.apply(x, { mask }), projection)) as tf.Scalar;
      const { maxRelativeError } = checkVariableGradients(objective, layer.trainableWeights.map((w) => w.value), { samples: 8 });
      expect(maxRelativeError).toBeLessThan(2e-2);
    }
  });
});

describeLayerTests('recurrent layers and wrappers through the layer harness', rnnSpecs);
