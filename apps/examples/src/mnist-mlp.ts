/**
 * Tutorial 002 ("Keras入门"): MNIST with a Dense(512) → Dense(512) →
 * Dense(10, softmax) network, RMSprop with the tutorial's (Keras 2) arguments,
 * one-hot labels, fit / evaluate, save to model_mnist.h5, then load_model +
 * summary() + predict on PNG files in a folder; then training with
 * EarlyStopping + ModelCheckpoint, ReduceLROnPlateau, a custom callback and
 * TensorBoard. Files go to STRATA_OUT (default apps/examples/out).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { callbacks, datasets, layers, models, optimizers, saving, utils } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';
import { epochsOr, outDir, startBackend } from './common';

await startBackend();
const out = outDir();
const h5file = join(out, 'model_mnist.h5');

// Load the data set. `mnist.loadData(path)` reads Keras's mnist.npz when `path` names one, as Keras's load_data(path).
const [[mnistTrainImages, trainDigits], [mnistTestImages, testDigits]] = await datasets.mnist.loadData();

// The sequential model.
const network = new models.Sequential();
// The input layers, with relu activation.
network.add(new layers.Dense(512, { activation: 'relu', inputShape: [28 * 28] }));
network.add(new layers.Dense(512, { activation: 'relu', inputShape: [28 * 28] }));
// The output layer.
network.add(new layers.Dense(10, { activation: 'softmax' }));
const rmsprop = new optimizers.RMSprop({ lr: 0.001, rho: 0.9, epsilon: 1e-8, decay: 0.0 });
// Compile.
network.compile({ optimizer: rmsprop, loss: 'categorical_crossentropy', metrics: ['accuracy'] });
network.summary();

// Prepare the images: flatten, to float32 in [0, 1].
const trainImages = tf.div(tf.cast(tf.reshape(mnistTrainImages, [60000, 28 * 28]), 'float32'), 255);
const testImages = tf.div(tf.cast(tf.reshape(mnistTestImages, [10000, 28 * 28]), 'float32'), 255);
// Prepare the labels.
const trainLabels = utils.toCategorical(trainDigits);
const testLabels = utils.toCategorical(testDigits);

// Fit (train).
await network.fit(trainImages, trainLabels, { epochs: epochsOr(5), batchSize: 256 });
// Evaluate the model.
const [, testAcc] = await network.evaluate(testImages, testLabels);
console.log('test_acc:', testAcc);

// Save the model as a Keras 2 style .h5 file, which Python Keras opens too.
await network.save(h5file);
console.log(`Saved ${h5file}`);

// ---- Predict with the model, on PNG files in a folder ----
// The tutorial reads its own digit pictures; we write four from the test set first (a 1, a 3, a 7 and an 8).
const predictDir = outDir('pic');
const digits = await testDigits.data();
for (const digit of [1, 3, 7, 8]) {
  const index = digits.indexOf(digit);
  const picture = tf.mul(tf.reshape(tf.slice(testImages, [index, 0], [1, 784]), [28, 28, 1]), 255);
  await datasets.saveImg(join(predictDir, `${digit}.png`), picture, { scale: false });
}

const model = await saving.loadModel(h5file);
model.summary();
// Normalise the picture size and pixel values.
async function getInputs(src: string[] = []): Promise<tf.Tensor> {
  const preX: tf.Tensor3D[] = [];
  for (const s of src) {
    const input = await utils.loadImg(s, { colorMode: 'grayscale', targetSize: [28, 28] });
    preX.push(utils.imgToArray(input)); // one picture
  }
  return tf.div(tf.stack(preX), 255.0);
}
// The pictures to predict are here.
const test = readdirSync(predictDir).sort();
console.log(test);
// The paths of the PNG files.
const images: string[] = [];
for (const testpath of test) {
  const fn = join(predictDir, testpath);
  if (fn.endsWith('png')) images.push(fn);
}
// Normalise the pictures.
let preX = await getInputs(images);
preX = tf.reshape(preX, [images.length, 28 * 28]);
// Predict.
const preY = (await model.predict(preX)) as tf.Tensor2D;
for (const item of await preY.array()) {
  console.log(item.map((p) => p.toExponential(7)).join(' '));
  console.log('Network prediction:', item.indexOf(Math.max(...item)));
}

// ---- Keep the best model: EarlyStopping and ModelCheckpoint ----
const callbackEpochs = epochsOr(10);
let callbacksList: callbacks.Callback[] = [
  new callbacks.EarlyStopping({ monitor: 'acc', patience: 1 }),
  new callbacks.ModelCheckpoint(h5file, { monitor: 'val_loss', saveBestOnly: true }),
];
// Compile.
network.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['acc'] });
console.log('\nEarlyStopping + ModelCheckpoint:');
await network.fit(trainImages, trainLabels, {
  epochs: callbackEpochs,
  batchSize: 32,
  callbacks: callbacksList,
  validationData: [testImages, testLabels],
});

// The best model so far (lowest val_loss), as ModelCheckpoint saved it: load it and score it.
const best = await saving.loadModel(h5file);
const [, bestAcc] = await best.evaluate(testImages, testLabels);
console.log('best checkpoint test_acc:', bestAcc);

// ---- ReduceLROnPlateau ----
callbacksList = [new callbacks.ReduceLROnPlateau({ monitor: 'val_loss', factor: 0.1, patience: 10 })];
network.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['acc'] });
console.log('\nReduceLROnPlateau:');
await network.fit(trainImages, trainLabels, {
  epochs: callbackEpochs,
  batchSize: 32,
  callbacks: callbacksList,
  validationData: [testImages, testLabels],
});

// ---- A custom callback ----
/** Prints the learning rate and the gap between validation and training accuracy after each epoch. */
class GapLogger extends callbacks.Callback {
  override onEpochEnd(epoch: number, logs: callbacks.Logs = {}): void {
    const gap = logs.val_acc - logs.acc;
    const learningRate = this.model.optimizer?.learningRate ?? Number.NaN;
    console.log(`  [GapLogger] epoch ${epoch + 1}: learning rate ${learningRate}, val_acc - acc = ${gap.toFixed(4)}`);
  }
}
network.compile({ optimizer: 'rmsprop', loss: 'categorical_crossentropy', metrics: ['acc'] });
console.log('\nA custom callback:');
await network.fit(trainImages, trainLabels, {
  epochs: callbackEpochs,
  batchSize: 32,
  callbacks: [new GapLogger()],
  validationData: [testImages, testLabels],
});

// ---- TensorBoard ----
// As Keras 3 writes it: scalars, weight histograms, the model graph, and for embeddingsFreq the projector config
// and a weights checkpoint per epoch (this MLP has no Embedding layer, so the projector config is empty, as in Keras).
const logDir = outDir('my_log_dir');
callbacksList = [new callbacks.TensorBoard({ logDir, histogramFreq: 1, embeddingsFreq: 1 })];
console.log('\nTensorBoard:');
await network.fit(trainImages, trainLabels, {
  epochs: callbackEpochs,
  batchSize: 32,
  callbacks: callbacksList,
  validationData: [testImages, testLabels],
});
console.log(`\nTensorBoard logs in ${logDir}: run \`tensorboard --logdir=${logDir}\` and open http://localhost:6006`);

// The network after the four callback sections (up to 40 more epochs at batch 32; EarlyStopping may end the first early).
const [, finalAcc] = await network.evaluate(testImages, testLabels);
console.log('test_acc after the callback sections:', finalAcc);
