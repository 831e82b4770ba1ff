/**
 * A short training from the installed tarballs: learns y = 2x - 1 on the backend named by the first argument,
 * saves the model as a .keras file, loads it back and checks that both predict the same numbers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sequential, layers, saving, useBackend, utils } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';

const backend = process.argv[2] === 'wasm' ? 'wasm' : 'cpu';
await useBackend(backend);
utils.setRandomSeed(7);

const xs = tf.tensor2d([-1, 0, 1, 2, 3, 4], [6, 1]);
const ys = tf.tensor2d([-3, -1, 1, 3, 5, 7], [6, 1]);
const model = new Sequential([new layers.Dense(1, { inputShape: [1] })]);
model.compile({ optimizer: 'sgd', loss: 'mse' });
const history = await model.fit(xs, ys, { epochs: 60, verbose: 0 });
const losses = history.history.loss;
if (losses === undefined || losses.length !== 60) throw new Error(`fit() should record 60 losses; it recorded ${losses?.length}.`);
const first = Number(losses[0]);
const last = Number(losses[losses.length - 1]);
if (!(last < Math.min(1, first / 2))) {
  throw new Error(`The loss should at least halve and end below 1 in 60 epochs on ${backend}; it went from ${first} to ${last}.`);
}

const folder = mkdtempSync(join(tmpdir(), 'strata-consumer-'));
try {
  const file = join(folder, 'line.keras');
  await model.save(file);
  const loaded = await saving.loadModel(file);
  const probe = tf.tensor2d([10], [1, 1]);
  const before = await model.predict(probe);
  const after = await loaded.predict(probe);
  if (Array.isArray(before) || Array.isArray(after)) throw new Error('A one-output model should predict one tensor.');
  const [a] = await before.data();
  const [b] = await after.data();
  if (a !== b) throw new Error(`The loaded model predicts ${b} for 10; the saved one predicted ${a}.`);
  tf.dispose([probe, before, after]);
  console.log(`consumer training on ${backend}: loss ${first.toFixed(4)} -> ${last.toFixed(6)}, prediction for 10 = ${a.toFixed(4)} before and after .keras`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
tf.dispose([xs, ys]);
