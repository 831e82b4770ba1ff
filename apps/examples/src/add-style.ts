/**
 * Tutorial 003 ("Keras 2.0", from Hung-yi Lee's course notes): handwritten
 * digits with a Sequential model built by add(): Dense(input_dim=28*28,
 * units=500, relu) → Dense(500, relu) → Dense(10, softmax); categorical
 * cross-entropy, adam; fit(batch_size=100, epochs=20); evaluate → score[0],
 * score[1]; predict. x_train is a (N, 784) matrix, y_train one-hot (N, 10).
 */
import { Sequential, datasets, layers, utils } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';
import { epochsOr, startBackend } from './common';

await startBackend();

const [[trainImages, trainLabels], [testImages, testLabels]] = await datasets.mnist.loadData();
const xTrain = tf.div(tf.reshape(trainImages, [-1, 28 * 28]), 255);
const yTrain = utils.toCategorical(trainLabels, 10);
const xTest = tf.div(tf.reshape(testImages, [-1, 28 * 28]), 255);
const yTest = utils.toCategorical(testLabels, 10);

// Declare the network, then add the layers one by one.
const model = new Sequential();
model.add(new layers.Dense(500, { inputDim: 28 * 28, activation: 'relu' }));
model.add(new layers.Dense(500, { activation: 'relu' }));
model.add(new layers.Dense(10, { activation: 'softmax' }));
// The activations Keras offers: relu, softplus, softsign, sigmoid, tanh, hard_sigmoid, linear...
// and the optimizers: SGD, RMSprop, Adagrad, Adadelta, Adam, Adamax, Nadam.

// Configuration: the loss, the optimizer and the metrics.
model.compile({ loss: 'categorical_crossentropy', optimizer: 'adam', metrics: ['accuracy'] });

// Pick the best function.
await model.fit(xTrain, yTrain, { batchSize: 100, epochs: epochsOr(20) });

// Use the model. Case 1: evaluate.
const score = await model.evaluate(xTest, yTest);
console.log('Total loss on Testing Set : ', score[0]);
console.log('Accuracy of Testing Set : ', score[1]);

// Case 2: predict.
const result = (await model.predict(xTest)) as tf.Tensor2D;
const predicted = await tf.argMax(result, 1).data();
const truth = await testLabels.data();
console.log(`First ten predictions: ${Array.from(predicted.slice(0, 10)).join(' ')}`);
console.log(`First ten true labels: ${Array.from(truth.slice(0, 10)).join(' ')}`);
