// A training process for the BackupAndRestore crash test: plain Node, the
// built package, tfjs-core's CPU backend, and a linear model whose gradient
// is written out by hand (plain Node cannot load tfjs's gradient registry).
// Usage: node resume-child.mjs <dist/index.js> <backupDir|-> <epochs> <msPerEpoch>
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const [distPath, backupDir, epochsText, delayText] = process.argv.slice(2);
const { BackupAndRestore, CallbackList, LambdaCallback } = await import(distPath);
await tf.setBackend('cpu');

const x = tf.tensor2d(Array.from({ length: 64 }, (_, index) => [Math.sin(index), Math.cos(index * 0.7)]));
const y = tf.add(tf.matMul(x, tf.tensor2d([[2], [-3]])), 0.5);

const state = {
  kernel: tf.variable(tf.tensor2d([[0.1], [-0.2]])),
  bias: tf.variable(tf.zeros([1])),
  velocityKernel: tf.variable(tf.zeros([2, 1])),
  velocityBias: tf.variable(tf.zeros([1])),
};
const model = {
  stopTraining: false,
  optimizer: { learningRate: 0.05, iterations: 0 },
  getWeights: () => [tf.clone(state.kernel), tf.clone(state.bias)],
  setWeights: (weights) => {
    state.kernel.assign(weights[0]);
    state.bias.assign(weights[1]);
  },
  optimizerState: () => [tf.scalar(model.optimizer.iterations, 'int32'), tf.clone(state.velocityKernel), tf.clone(state.velocityBias)],
  setOptimizerState: (values) => {
    model.optimizer.iterations = values[0].dataSync()[0];
    state.velocityKernel.assign(values[1]);
    state.velocityBias.assign(values[2]);
  },
  save: async () => undefined,
  saveWeights: async () => undefined,
};

function trainStep(xBatch, yBatch) {
  tf.tidy(() => {
    const difference = tf.sub(tf.add(tf.matMul(xBatch, state.kernel), state.bias), yBatch);
    const scale = 2 / xBatch.shape[0];
    const gradientKernel = tf.mul(tf.matMul(xBatch, difference, true, false), scale);
    const gradientBias = tf.mul(tf.sum(difference, 0), scale);
    const rate = model.optimizer.learningRate;
    state.velocityKernel.assign(tf.sub(tf.mul(state.velocityKernel, 0.5), tf.mul(gradientKernel, rate)));
    state.velocityBias.assign(tf.sub(tf.mul(state.velocityBias, 0.5), tf.mul(gradientBias, rate)));
    state.kernel.assign(tf.add(state.kernel, state.velocityKernel));
    state.bias.assign(tf.add(state.bias, state.velocityBias));
  });
  model.optimizer.iterations += 1;
}

const epochs = Number(epochsText);
const callbacks = [
  new LambdaCallback({
    onEpochBegin: () => new Promise((resolve) => setTimeout(resolve, Number(delayText))),
    onEpochEnd: (epoch) => void process.stdout.write(`epoch ${epoch} done\n`),
  }),
];
if (backupDir !== '-') callbacks.push(new BackupAndRestore({ backupDir }));
const callbackList = new CallbackList(callbacks, { model, epochs, steps: 4, verbose: 0 });
const start = (await callbackList.restore()) ?? 0;
process.stdout.write(`start ${start}\n`);
await callbackList.onTrainBegin();
for (let epoch = start; epoch < epochs; epoch++) {
  await callbackList.onEpochBegin(epoch);
  for (let batch = 0; batch < 4; batch++) {
    await callbackList.onTrainBatchBegin(batch);
    const xBatch = tf.slice(x, [batch * 16, 0], [16, 2]);
    const yBatch = tf.slice(y, [batch * 16, 0], [16, 1]);
    trainStep(xBatch, yBatch);
    tf.dispose([xBatch, yBatch]);
    await callbackList.onTrainBatchEnd(batch, {});
  }
  await callbackList.onEpochEnd(epoch, {});
}
await callbackList.onTrainEnd();
const weights = [...state.kernel.dataSync(), ...state.bias.dataSync()];
process.stdout.write(`weights ${JSON.stringify(weights)} iterations ${model.optimizer.iterations}\n`);
