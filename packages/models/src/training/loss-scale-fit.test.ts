// fit with a LossScaleOptimizer against Keras 3.15.1 (packages/optimizers/golden/loss-scale.json, written by
// packages/optimizers/scripts/golden_loss_scale.py): the losses, the weights, and the scale after two epochs.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import { Constant, Dense, clearSession } from '@strata/layers';
import { Adam, LossScaleOptimizer, SGD } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

const golden = JSON.parse(readFileSync(new URL('../../../optimizers/golden/loss-scale.json', import.meta.url), 'utf8')) as {
  fit: { x: number[]; y: number[]; loss: number[]; kernel: number[]; bias: number[]; saved_optimizer_variables: Array<{ name: string; value: number[] }> };
};

beforeAll(() => useBackend('cpu'));

function model(): Sequential {
  clearSession();
  return new Sequential([new Dense(2, { inputShape: [3], kernelInitializer: new Constant(0.1), biasInitializer: 'zeros' })]);
}

describe('fit with LossScaleOptimizer', () => {
  it("trains to Keras's weights, logs the unscaled loss, and grows the scale as Keras", async () => {
    const x = tf.tensor2d(golden.fit.x, [8, 3]);
    const y = tf.tensor2d(golden.fit.y, [8, 2]);
    const net = model();
    const optimizer = new LossScaleOptimizer(new Adam({ learningRate: 0.05 }), { initialScale: 4, dynamicGrowthSteps: 3 });
    net.compile({ optimizer, loss: 'mse' });
    const before = tf.memory().numTensors;
    const history = await net.fit(x, y, { batchSize: 2, epochs: 2, shuffle: false, verbose: 0 });
    expectAllClose(history.history.loss as number[], golden.fit.loss, { rtol: 1e-5, atol: 1e-6 });
    const [kernel, bias] = net.getWeights();
    expectAllClose(kernel, golden.fit.kernel, { rtol: 1e-5, atol: 1e-6 });
    expectAllClose(bias, golden.fit.bias, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([kernel, bias]);
    // Keras's saved optimizer/vars/0..9: the wrapper's four variables, then Adam's six.
    const saved = golden.fit.saved_optimizer_variables.filter((v) => v.name.startsWith('optimizer/vars/'));
    const variables = optimizer.variables();
    expect(variables.length).toBe(saved.length);
    variables.forEach((variable, i) => expectAllClose(variable.tensor, saved[i].value, { rtol: 1e-5, atol: 1e-6 }));
    expect(optimizer.lossScale).toBe(16);
    const kept = tf.memory().numTensors - before;
    optimizer.dispose();
    net.dispose();
    // The same fit with Adam alone keeps exactly two tensors fewer: step_counter and dynamic_scale, made by build.
    const plain = model();
    const adam = new Adam({ learningRate: 0.05 });
    plain.compile({ optimizer: adam, loss: 'mse' });
    const plainBefore = tf.memory().numTensors;
    await plain.fit(x, y, { batchSize: 2, epochs: 2, shuffle: false, verbose: 0 });
    expect(kept).toBe(tf.memory().numTensors - plainBefore + 2);
    adam.dispose();
    plain.dispose();
    tf.dispose([x, y]);
  });

  it('gives the same training as the inner optimizer alone while the gradients stay finite', async () => {
    const x = tf.tensor2d(golden.fit.x, [8, 3]);
    const y = tf.tensor2d(golden.fit.y, [8, 2]);
    const plain = model();
    plain.compile({ optimizer: new SGD({ learningRate: 0.01 }), loss: 'mse' });
    await plain.fit(x, y, { batchSize: 4, epochs: 3, shuffle: false, verbose: 0 });
    const scaled = model();
    scaled.compile({ optimizer: new LossScaleOptimizer(new SGD({ learningRate: 0.01 }), { initialScale: 1024 }), loss: 'mse' });
    const history = await scaled.fit(x, y, { batchSize: 4, epochs: 3, shuffle: false, verbose: 0 });
    expect((history.history.loss as number[]).every((loss) => loss < 100)).toBe(true); // unscaled in the logs
    const expected = plain.getWeights();
    const actual = scaled.getWeights();
    actual.forEach((weight, i) => expectAllClose(weight, expected[i], { rtol: 1e-6, atol: 1e-7 }));
    tf.dispose([...expected, ...actual, x, y]);
    plain.dispose();
    scaled.dispose();
  });
});
