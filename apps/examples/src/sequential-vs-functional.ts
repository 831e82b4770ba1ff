/**
 * Tutorial 004: the same model with the Sequential API and with the
 * functional API (Input, layers called on tensors, Model(inputs, outputs));
 * compile with an Adam instance, sparse categorical cross-entropy and
 * sparse categorical accuracy; fit; evaluate. The tutorial's data_loader is
 * MNIST, as images of shape (28, 28, 1).
 */
import { Input, Model, Sequential, datasets, layers, losses, metrics, optimizers } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';
import { epochsOr, startBackend } from './common';

await startBackend();
const numEpochs = epochsOr(5);
const batchSize = 50;

// The data loader: MNIST as float32 images in [0, 1] with a channel axis, and integer labels.
const [[trainImages, trainLabels], [testImages, testLabels]] = await datasets.mnist.loadData();
const dataLoader = {
  trainData: tf.div(tf.expandDims(trainImages, -1), 255.0),
  trainLabel: trainLabels,
  testData: tf.div(tf.expandDims(testImages, -1), 255.0),
  testLabel: testLabels,
};

// 1. Keras Sequential: a list of layers, connected head to tail.
const sequentialModel = new Sequential([
  new layers.Flatten(),
  new layers.Dense(100, { activation: 'relu' }),
  new layers.Dense(10),
  new layers.Softmax(),
]);

// 2. The functional API: layers are called on tensors, and the model is given its inputs and outputs.
const inputs = Input({ shape: [28, 28, 1] });
let x = new layers.Flatten().apply(inputs);
x = new layers.Dense(100, { activation: 'relu' }).apply(x);
x = new layers.Dense(10).apply(x);
const outputs = new layers.Softmax().apply(x);
const functionalModel = new Model({ inputs, outputs });

const results: [string, number][] = [];
for (const [name, model] of [['Sequential', sequentialModel], ['Functional', functionalModel]] as const) {
  console.log(`\n==== ${name} API ====`);
  // 3. compile: the optimizer, the loss and the metrics.
  model.compile({
    optimizer: new optimizers.Adam({ learningRate: 0.001 }),
    loss: losses.sparseCategoricalCrossentropy,
    metrics: [metrics.sparseCategoricalAccuracy],
  });
  // 4. fit.
  await model.fit(dataLoader.trainData, dataLoader.trainLabel, { epochs: numEpochs, batchSize });
  model.summary();
  // 5. evaluate.
  const [loss, accuracy] = await model.evaluate(dataLoader.testData, dataLoader.testLabel);
  console.log(`${name}: test loss ${loss.toFixed(4)}, test sparse_categorical_accuracy ${accuracy.toFixed(4)}`);
  results.push([name, accuracy]);
}
console.log(`\n${results.map(([name, accuracy]) => `${name} ${accuracy.toFixed(4)}`).join(' | ')}`);
