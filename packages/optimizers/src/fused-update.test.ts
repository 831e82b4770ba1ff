import { STRATA_ADAM_UPDATE, STRATA_RMSPROP_UPDATE, STRATA_SGD_UPDATE, setFusedOptimizerUpdatesEnabled, useBackend } from '@strata/backend';
import { expectAllClose, kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam';
import type { Optimizer } from './optimizer';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';

const cases: Array<{ label: string; kernel: string; make: () => Optimizer }> = [
  { label: 'Adam', kernel: STRATA_ADAM_UPDATE, make: () => new Adam({ learningRate: 0.01 }) },
  { label: 'Adam (amsgrad)', kernel: STRATA_ADAM_UPDATE, make: () => new Adam({ learningRate: 0.02, amsgrad: true }) },
  { label: 'RMSprop', kernel: STRATA_RMSPROP_UPDATE, make: () => new RMSprop() },
  { label: 'RMSprop (centered, momentum)', kernel: STRATA_RMSPROP_UPDATE, make: () => new RMSprop({ centered: true, momentum: 0.9 }) },
  { label: 'SGD', kernel: STRATA_SGD_UPDATE, make: () => new SGD({ learningRate: 0.1 }) },
  { label: 'SGD (momentum)', kernel: STRATA_SGD_UPDATE, make: () => new SGD({ momentum: 0.9 }) },
  { label: 'SGD (nesterov)', kernel: STRATA_SGD_UPDATE, make: () => new SGD({ momentum: 0.8, nesterov: true }) },
];

/** Random shapes: a matrix, a vector and a scalar-like [1]. */
function randomShapes(seed: number): number[][] {
  const size = (k: number) => 1 + ((seed * 7919 + k * 104729) % 37);
  return [[size(1), size(2)], [size(3)], [1]];
}

/**
 * Four steps with random gradients, fused or through the op chain. `holdWeights`
 * keeps a clone of each variable's first value alive: the first step then
 * shares memory and must take the op chain, the later ones the kernel.
 */
function train(make: () => Optimizer, shapes: number[][], seed: number, fused: boolean, holdWeights = false): { weights: Float32Array[]; slots: Float32Array[]; kernels: string[] } {
  const variables = tf.tidy(() => shapes.map((shape, i) => tf.variable(tf.randomNormal(shape, 0, 1, 'float32', seed + i))));
  const held = holdWeights ? variables.map((v) => tf.clone(v)) : [];
  const optimizer = make();
  const kernels: string[] = [];
  setFusedOptimizerUpdatesEnabled(fused);
  for (let step = 0; step < 4; step++) {
    const grads = shapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 100 * seed + 10 * step + i));
    const before = tf.memory().numTensors;
    kernels.push(...kernelsRunBy(() => optimizer.applyGradients(grads.map((g, i) => [g, variables[i]]))));
    // A step leaves no tensor behind (the first step creates the slots).
    if (step > 0) expect(tf.memory().numTensors).toBe(before);
    tf.dispose(grads);
  }
  setFusedOptimizerUpdatesEnabled(true);
  const weights = variables.map((v) => v.dataSync() as Float32Array);
  const slots = optimizer.variables().slice(2).map(({ tensor }) => tensor.dataSync() as Float32Array);
  optimizer.dispose();
  tf.dispose([...variables, ...held]);
  return { weights, slots, kernels };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`fused optimizer updates on ${backend}`, () => {
    for (const { label, kernel, make } of cases) {
      it(`${label}: ${kernel} equals the op chain (random shapes, 1e-6 relative), in one kernel per variable`, async () => {
        await useBackend(backend);
        for (const seed of [1, 2]) {
          const shapes = randomShapes(seed);
          const tensorsBefore = tf.memory().numTensors;
          const fused = train(make, shapes, seed, true);
          const reference = train(make, shapes, seed, false);
          const shared = train(make, shapes, seed, true, true);
          expect(tf.memory().numTensors).toBe(tensorsBefore);
          expect(fused.kernels.filter((name) => name === kernel).length).toBe(4 * shapes.length);
          expect(reference.kernels).not.toContain(kernel);
          // cpu's clone shares the memory (first step: op chain); wasm's Identity copies it (every step fused).
          expect(shared.kernels.filter((name) => name === kernel).length).toBe((backend === 'cpu' ? 3 : 4) * shapes.length);
          for (const run of [fused, shared]) {
            run.weights.forEach((w, i) => expectAllClose(w, reference.weights[i], { rtol: 1e-6, atol: 1e-7 }));
            run.slots.forEach((s, i) => expectAllClose(s, reference.slots[i], { rtol: 1e-6, atol: 1e-7 }));
          }
        }
      });
    }

    it('never writes into the array a variable was created from', async () => {
      await useBackend(backend);
      const values = new Float32Array([1, 2, 3, 4]);
      const source = tf.tensor(values, [4]);
      const variable = tf.variable(source);
      source.dispose();
      const optimizer = new SGD({ learningRate: 0.5 });
      const gradient = tf.ones([4]);
      optimizer.applyGradients([[gradient, variable]]);
      gradient.dispose();
      expect(Array.from(values)).toEqual([1, 2, 3, 4]);
      expect(Array.from(variable.dataSync())).toEqual([0.5, 1.5, 2.5, 3.5]);
      optimizer.dispose();
      variable.dispose();
    });
  });
}
