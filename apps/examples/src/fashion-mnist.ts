/**
 * Tutorial 001, the Fashion-MNIST walkthrough, as close to the Keras original
 * as TypeScript allows: load, explore, scale to [0, 1], Flatten → Dense(128,
 * relu) → Dense(10) logits, adam, 10 epochs, evaluate, a probability model and
 * argmax predictions with class names.
 */
import { Sequential, datasets, layers, losses, useBackend } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';

const epochs = Number(process.env.STRATA_EPOCHS ?? 10);
await useBackend((process.env.STRATA_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm');

// Load the data set (from STRATA_DATASETS_DIR, the cache, /usr/share/datasets or the download address).
const fashionMnist = datasets.fashionMnist;
let [[trainImages, trainLabels], [testImages, testLabels]] = await fashionMnist.loadData();

// Explore it.
console.log(`Training images shape: ${JSON.stringify(trainImages.shape)}`);
console.log(`Number of training labels: ${trainLabels.shape[0]}`);
console.log(`Test images shape: ${JSON.stringify(testImages.shape)}`);
console.log(`Number of test labels: ${testLabels.shape[0]}`);
const classNames = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const firstLabel = (await trainLabels.data())[0];
console.log(`First label: ${firstLabel} (${classNames[firstLabel]})`);

// Scale the pixels from 0-255 to 0-1.
trainImages = tf.div(trainImages, 255.0);
testImages = tf.div(testImages, 255.0);

// Build the model.
const model = new Sequential([
  new layers.Flatten({ inputShape: [28, 28] }),
  new layers.Dense(128, { activation: 'relu' }),
  new layers.Dense(10),
]);

// Compile it.
model.compile({
  optimizer: 'adam',
  loss: new losses.SparseCategoricalCrossentropy({ fromLogits: true }),
  metrics: ['accuracy'],
});

// Train it.
await model.fit(trainImages, trainLabels, { epochs });

// Evaluate it.
const [testLoss, testAcc] = (await model.evaluate(testImages, testLabels, { verbose: 2 })) as number[];
console.log(`\nTest loss: ${testLoss.toFixed(4)}`);
console.log(`Test accuracy: ${testAcc.toFixed(4)}`);

// Predict: a probability model, then the most likely class of the first test image.
const probabilityModel = new Sequential([model, new layers.Softmax()]);
const predictions = (await probabilityModel.predict(testImages)) as tf.Tensor2D;
const firstPrediction = tf.argMax(tf.slice(predictions, [0, 0], [1, 10]), 1);
const predictedClass = (await firstPrediction.data())[0];
const trueClass = (await testLabels.data())[0];
console.log(`First test image: predicted ${classNames[predictedClass]}, true ${classNames[trueClass]}`);
