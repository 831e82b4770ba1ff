/**
 * Tutorial 000, the flow from creating a model to using it, on a CNN:
 * Conv2D(32) → MaxPooling → Conv2D(64) → MaxPooling → Conv2D(64) → Flatten →
 * Dense(64) → Dense(10, softmax); adam, sparse categorical cross-entropy; fit
 * without and with validation data; evaluate; predict.
 *
 * The tutorial trains on random placeholder arrays; here the data are real:
 * Fashion-MNIST (default) or MNIST, chosen by the first argument or by
 * STRATA_DATASET (`node dist/cnn.js mnist`).
 */
import { Sequential, datasets, layers } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';
import { epochsOr, startBackend } from './common';

// 1. Import what is needed (above), start the backend.
await startBackend();
const dataset = process.argv[2] ?? process.env.STRATA_DATASET ?? 'fashion-mnist';
if (dataset !== 'fashion-mnist' && dataset !== 'mnist') {
  throw new Error(`cnn: the data set must be "fashion-mnist" or "mnist", received "${dataset}".`);
}
const epochs = epochsOr(10);
// STRATA_SAMPLES keeps only the first N training (and N/4 test) images, for quick checks: convolutions train slowly in Node.
const samples = process.env.STRATA_SAMPLES ? Number(process.env.STRATA_SAMPLES) : undefined;

// 2. Prepare the data: load, reshape to (N, 28, 28, 1), normalise; the last sixth of the training images (10,000) validate.
const loader = dataset === 'mnist' ? datasets.mnist : datasets.fashionMnist;
const [[trainImages, trainLabels], [testImages, testLabels]] = await loader.loadData();
console.log(`Data set: ${dataset}`);
const trainCount = Math.min(samples ?? 60000, 60000);
const testCount = Math.min(samples ? Math.ceil(samples / 4) : 10000, 10000);
let xTrain = tf.reshape(tf.slice(trainImages, 0, trainCount), [trainCount, 28, 28, 1]);
let xTest = tf.reshape(tf.slice(testImages, 0, testCount), [testCount, 28, 28, 1]);
const yTrain = tf.slice(trainLabels, 0, trainCount);
const yTest = tf.slice(testLabels, 0, testCount);
// Normalise the data.
[xTrain, xTest] = [tf.div(xTrain, 255.0), tf.div(xTest, 255.0)];
const validationCount = Math.floor(trainCount / 6);
const xVal = tf.slice(xTrain, trainCount - validationCount, validationCount);
const yVal = tf.slice(yTrain, trainCount - validationCount, validationCount);

// 3. Create the model.
const model = new Sequential([
  new layers.Conv2D(32, [3, 3], { activation: 'relu', inputShape: [28, 28, 1] }),
  new layers.MaxPooling2D(2, { strides: 2 }),
  new layers.Conv2D(64, [3, 3], { activation: 'relu' }),
  new layers.MaxPooling2D(2, { strides: 2 }),
  new layers.Conv2D(64, [3, 3], { activation: 'relu' }),
  new layers.Flatten(),
  new layers.Dense(64, { activation: 'relu' }),
  new layers.Dense(10, { activation: 'softmax' }),
]);
model.summary();

// 4. Compile the model.
model.compile({ optimizer: 'adam', loss: 'sparse_categorical_crossentropy', metrics: ['accuracy'] });

// 5. Train the model.
// Without validation data, fit directly:
console.log('\nfit without validation data:');
await model.fit(xTrain, yTrain, { epochs, batchSize: 32 });
// With validation data (training goes on from where the first fit stopped):
console.log('\nfit with validation data:');
await model.fit(xTrain, yTrain, { epochs, batchSize: 32, validationData: [xVal, yVal] });

// 6. Evaluate the model.
const [testLoss, testAcc] = await model.evaluate(xTest, yTest, { verbose: 2 });
console.log(`\nTest loss: ${testLoss.toFixed(4)}`);
console.log('\nTest accuracy:', testAcc);

// 7. Predict with the model: a new image, four-dimensional with a batch size of 1 (here the first test image).
const newImage = tf.slice(xTest, [0, 0, 0, 0], [1, 28, 28, 1]);
const predictions = (await model.predict(newImage)) as tf.Tensor2D;
predictions.print(); // the output: a probability distribution
const [probabilities] = await predictions.array();
console.log(`Predicted class ${probabilities.indexOf(Math.max(...probabilities))}, true class ${(await yTest.data())[0]}`);
