/**
 * Tutorial 001, the Fashion-MNIST walkthrough, as close to the Keras original
 * as TypeScript allows: load, explore, show an image, scale to [0, 1],
 * Flatten → Dense(128, relu) → Dense(10) logits, adam, 10 epochs, evaluate,
 * a probability model and argmax predictions with class names. The figures
 * the tutorial draws with matplotlib are written as PNG files.
 */
import { join } from 'node:path';
import { Sequential, datasets, layers, losses } from '@strata/keras';
import * as tf from '@tensorflow/tfjs-core';
import { epochsOr, outDir, startBackend } from './common';
import { type PredictionCell, historyRows, learningCurvesSpec, predictionGridSpec, sampleImageSpec } from './pictures/charts';
import { savePng } from './pictures/png';

const epochs = epochsOr(10);
await startBackend();
const out = outDir();

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

// Show the first training image (the tutorial's plt.imshow(train_images[0])).
const firstImage = await tf.slice(trainImages, [0, 0, 0], [1, 28, 28]).data();
const samplePath = await savePng(
  sampleImageSpec({ pixels: firstImage, width: 28, height: 28 }, `label ${firstLabel}: ${classNames[firstLabel]}`),
  join(out, 'fashion-mnist-sample.png'),
);

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

// Train it; the test set doubles as validation data so that the learning curves have a validation line.
const history = await model.fit(trainImages, trainLabels, { epochs, validationData: [testImages, testLabels] });

// Evaluate it.
const [testLoss, testAcc] = await model.evaluate(testImages, testLabels, { verbose: 2 });
console.log(`\nTest loss: ${testLoss.toFixed(4)}`);
console.log(`Test accuracy: ${testAcc.toFixed(4)}`);

// Predict: a probability model, then the most likely class of the first test image.
const probabilityModel = new Sequential([model, new layers.Softmax()]);
const predictions = (await probabilityModel.predict(testImages)) as tf.Tensor2D;
const firstPrediction = tf.argMax(tf.slice(predictions, [0, 0], [1, 10]), 1);
const predictedClass = (await firstPrediction.data())[0];
const trueClass = (await testLabels.data())[0];
console.log(`First test image: predicted ${classNames[predictedClass]}, true ${classNames[trueClass]}`);

// The figures: learning curves, and the first 25 test images with their predictions.
const curvesPath = await savePng(learningCurvesSpec(historyRows(history.history)), join(out, 'fashion-mnist-learning-curves.png'));
const count = 25;
const gridPixels = await tf.mul(tf.slice(testImages, [0, 0, 0], [count, 28, 28]), 255).data();
const gridProbabilities = await tf.slice(predictions, [0, 0], [count, 10]).array();
const gridLabels = await tf.slice(testLabels, [0], [count]).data();
const cells: PredictionCell[] = gridProbabilities.map((probabilities, index) => {
  const predicted = probabilities.indexOf(Math.max(...probabilities));
  return {
    image: { pixels: gridPixels.subarray(index * 784, (index + 1) * 784), width: 28, height: 28 },
    predicted,
    confidence: probabilities[predicted],
    trueLabel: gridLabels[index],
  };
});
const right = cells.filter((cell) => cell.predicted === cell.trueLabel).length;
const gridPath = await savePng(predictionGridSpec(cells, classNames), join(out, 'fashion-mnist-predictions.png'));
console.log(`\nPictures (${right}/${count} of the grid predicted right):\n  ${samplePath}\n  ${curvesPath}\n  ${gridPath}`);
