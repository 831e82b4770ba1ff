/**
 * Plain-array reference for the recurrent tests: one sample, one time step at
 * a time, written from the papers' equations and Keras's gate order, sharing
 * no code with the layers.
 */
export type Kind = 'simple' | 'lstm' | 'gru' | 'gru_reset_before';

export interface NaiveWeights {
  kernel: number[][];
  recurrentKernel: number[][];
  /** [units * gates] or, for GRU with reset after, [2][3 * units]. */
  bias: number[] | number[][];
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** row · matrix[:, from:to] */
function project(row: number[], matrix: number[][], from: number, to: number): number[] {
  const out = new Array(to - from).fill(0);
  for (let i = 0; i < row.length; i++) for (let j = from; j < to; j++) out[j - from] += row[i] * matrix[i][j];
  return out;
}

function step(kind: Kind, x: number[], states: number[][], w: NaiveWeights, units: number): number[][] {
  const h = states[0];
  if (kind === 'simple') {
    const a = project(x, w.kernel, 0, units);
    const b = project(h, w.recurrentKernel, 0, units);
    return [a.map((v, j) => Math.tanh(v + b[j] + (w.bias as number[])[j]))];
  }
  if (kind === 'lstm') {
    const z = project(x, w.kernel, 0, 4 * units).map((v, j) => v + project(h, w.recurrentKernel, j, j + 1)[0] + (w.bias as number[])[j]);
    const c = states[1].map((previous, j) => {
      const input = sigmoid(z[j]);
      const forget = sigmoid(z[units + j]);
      return forget * previous + input * Math.tanh(z[2 * units + j]);
    });
    const out = c.map((value, j) => sigmoid(z[3 * units + j]) * Math.tanh(value));
    return [out, c];
  }
  const resetAfter = kind === 'gru';
  const inputBias = resetAfter ? (w.bias as number[][])[0] : (w.bias as number[]);
  const xs = project(x, w.kernel, 0, 3 * units).map((v, j) => v + inputBias[j]);
  const hs = project(h, w.recurrentKernel, 0, 3 * units).map((v, j) => v + (resetAfter ? (w.bias as number[][])[1][j] : 0));
  const update = h.map((_, j) => sigmoid(xs[j] + hs[j]));
  const reset = h.map((_, j) => sigmoid(xs[units + j] + hs[units + j]));
  const candidate = resetAfter
    ? h.map((_, j) => Math.tanh(xs[2 * units + j] + reset[j] * hs[2 * units + j]))
    : (() => {
        const resetState = h.map((v, j) => reset[j] * v);
        const r = project(resetState, w.recurrentKernel, 2 * units, 3 * units);
        return h.map((_, j) => Math.tanh(xs[2 * units + j] + r[j]));
      })();
  return [h.map((v, j) => update[j] * v + (1 - update[j]) * candidate[j])];
}

/** Runs a whole batch; masked steps keep the previous output and states, as Keras. */
export function naiveRecurrent(
  kind: Kind,
  inputs: number[][][],
  w: NaiveWeights,
  units: number,
  options: { mask?: boolean[][]; goBackwards?: boolean } = {},
): { sequences: number[][][]; last: number[][]; states: number[][][] } {
  const sequences: number[][][] = [];
  const last: number[][] = [];
  const finalStates: number[][][] = [];
  inputs.forEach((sample, b) => {
    let states = kind === 'lstm' ? [new Array(units).fill(0), new Array(units).fill(0)] : [new Array(units).fill(0)];
    let output = new Array(units).fill(0);
    const outputs: number[][] = [];
    const order = sample.map((_, t) => (options.goBackwards ? sample.length - 1 - t : t));
    for (const t of order) {
      if (!options.mask || options.mask[b][t]) {
        states = step(kind, sample[t], states, w, units);
        output = states[0];
      }
      outputs.push(output);
    }
    sequences.push(outputs);
    last.push(output);
    finalStates.push(states);
  });
  return { sequences, last, states: finalStates };
}
