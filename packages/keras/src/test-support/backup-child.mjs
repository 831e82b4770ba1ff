// A training process for the BackupAndRestore SIGKILL test: plain Node on the
// built packages (CI builds every dependency's dist before the tests), a real
// Sequential with Adam trained by `fit`. It prints each finished batch, so the
// parent can kill it in the middle of an epoch, and at the end the weights,
// Adam's state and the iteration count.
// Usage: node backup-child.mjs <backupDir|-> <epochs> <msPerBatch>
import { useBackend } from '@strata/backend';
import { BackupAndRestore, LambdaCallback } from '@strata/callbacks';
import { Dense, setRandomSeed } from '@strata/layers';
import { Sequential } from '@strata/models';
import { Adam } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';

const [backupDir, epochsText, delayText] = process.argv.slice(2);
await useBackend('cpu');

const x = tf.randomNormal([48, 3], 0, 1, 'float32', 5);
const y = tf.tanh(tf.matMul(x, tf.tensor2d([[1.5], [-1], [0.25]])));
// The same seed in every process: an uninterrupted run and the resumed one start from the same weights.
setRandomSeed(11);
const model = new Sequential([new Dense(6, { activation: 'tanh', inputShape: [3] }), new Dense(1)]);
model.compile({ optimizer: new Adam({ learningRate: 0.01 }), loss: 'mse' });

const delay = Number(delayText);
let firstEpoch = true;
const callbacks = [
  new LambdaCallback({
    onEpochBegin: (epoch) => {
      if (firstEpoch) process.stdout.write(`start ${epoch}\n`);
      firstEpoch = false;
    },
    onTrainBatchBegin: () => (delay > 0 ? new Promise((resolve) => setTimeout(resolve, delay)) : undefined),
    onTrainBatchEnd: (batch) => void process.stdout.write(`batch ${model.optimizer.iterations} ${batch}\n`),
    onEpochEnd: (epoch) => void process.stdout.write(`epoch ${epoch} end\n`),
  }),
];
if (backupDir !== '-') callbacks.push(new BackupAndRestore({ backupDir }));
// No shuffling: fit's seeded shuffle starts again from its seed in a new process (see the test).
await model.fit(x, y, { epochs: Number(epochsText), batchSize: 8, shuffle: false, verbose: 0, callbacks });

const read = async (tensors) => {
  const result = await Promise.all(tensors.map(async (t) => Array.from(await t.data())));
  tf.dispose(tensors);
  return result;
};
const result = { weights: await read(model.getWeights()), optimizer: await read(model.optimizerState()), iterations: model.optimizer.iterations };
process.stdout.write(`result ${JSON.stringify(result)}\n`);
