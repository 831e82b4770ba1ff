/**
 * The tutorials' training workloads, each built twice: with Strata and with
 * @tensorflow/tfjs-layers, layer for layer the same, so that the only
 * difference the bench sees is the library's training loop and ops.
 */
import { Conv2D, Dense, Flatten, MaxPooling2D } from '@strata/layers';
import { CategoricalCrossentropy, SparseCategoricalCrossentropy } from '@strata/losses';
import { Sequential } from '@strata/models';
import { Adam, RMSprop } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

export type WorkloadName = 'W1' | 'W2' | 'W3';
export const workloadNames: readonly WorkloadName[] = ['W1', 'W2', 'W3'];

/** A layer that holds weights, for counting multiply-adds. */
type CostLayer =
  | { kind: 'dense'; inputs: number; units: number }
  | { kind: 'conv'; outputHeight: number; outputWidth: number; filters: number; kernelSize: number; inputChannels: number };

export interface Workload {
  name: WorkloadName;
  description: string;
  dataset: 'fashionMnist' | 'mnist';
  batchSize: number;
  /** Shape of one sample as the model takes it. */
  sampleShape: number[];
  /** W2 trains on one-hot labels (categorical CE); the others on integer labels. */
  oneHotLabels: boolean;
  /** Whether the bench also times predict (the brief asks for W1 and W3). */
  timePredict: boolean;
  layers: CostLayer[];
  strata(): Sequential;
  tfjsLayers(): tfl.LayersModel;
}

function multiplyAdds(layer: CostLayer): number {
  if (layer.kind === 'dense') return layer.inputs * layer.units;
  return layer.outputHeight * layer.outputWidth * layer.filters * layer.kernelSize * layer.kernelSize * layer.inputChannels;
}

/** Forward FLOPs of one sample: 2 per multiply-add of the dense and conv layers (element-wise ops are left out). */
export function forwardFlops(workload: Workload): number {
  return 2 * workload.layers.reduce((sum, layer) => sum + multiplyAdds(layer), 0);
}

/**
 * Training FLOPs of one sample: the forward pass, the weight gradient (as
 * many multiply-adds again) and the input gradient (again), except for the
 * first layer, whose input gradient nobody asks for, so tfjs never computes it.
 */
export function trainingFlops(workload: Workload): number {
  const first = workload.layers[0];
  return 3 * forwardFlops(workload) - (first ? 2 * multiplyAdds(first) : 0);
}

const W1: Workload = {
  name: 'W1',
  description: 'Flatten → Dense(128, relu) → Dense(10), Adam, sparse CE from logits, Fashion-MNIST',
  dataset: 'fashionMnist',
  batchSize: 32,
  sampleShape: [28, 28],
  oneHotLabels: false,
  timePredict: true,
  layers: [
    { kind: 'dense', inputs: 784, units: 128 },
    { kind: 'dense', inputs: 128, units: 10 },
  ],
  strata() {
    const model = new Sequential([new Flatten({ inputShape: [28, 28] }), new Dense(128, { activation: 'relu' }), new Dense(10)]);
    model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy({ fromLogits: true }), metrics: ['accuracy'] });
    return model;
  },
  tfjsLayers() {
    // tfjs-layers's string losses take probabilities, and its sparse CE with fromLogits clips the logits first,
    // so a tfjs-layers user writes the softmax into the last layer; it costs one [32, 10] softmax more.
    const model = tfl.sequential({
      layers: [
        tfl.layers.flatten({ inputShape: [28, 28] }),
        tfl.layers.dense({ units: 128, activation: 'relu' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  },
};

const W2: Workload = {
  name: 'W2',
  description: 'Dense(512, relu) → Dense(512, relu) → Dense(10, softmax), RMSprop, categorical CE on one-hot labels, MNIST',
  dataset: 'mnist',
  batchSize: 256,
  sampleShape: [784],
  oneHotLabels: true,
  timePredict: false,
  layers: [
    { kind: 'dense', inputs: 784, units: 512 },
    { kind: 'dense', inputs: 512, units: 512 },
    { kind: 'dense', inputs: 512, units: 10 },
  ],
  strata() {
    const model = new Sequential([
      new Dense(512, { activation: 'relu', inputShape: [784] }),
      new Dense(512, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: new RMSprop(), loss: new CategoricalCrossentropy(), metrics: ['accuracy'] });
    return model;
  },
  tfjsLayers() {
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ units: 512, activation: 'relu', inputShape: [784] }),
        tfl.layers.dense({ units: 512, activation: 'relu' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    // Keras's RMSprop defaults: rho 0.9, no momentum; tfjs's epsilon falls back to the backend's 1e-7, as Keras's.
    model.compile({ optimizer: tf.train.rmsprop(0.001, 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  },
};

const W3: Workload = {
  name: 'W3',
  description: 'tutorial 000 CNN: Conv2D(32) → MaxPool → Conv2D(64) → MaxPool → Conv2D(64) → Dense(64) → Dense(10), Adam, sparse CE, Fashion-MNIST',
  dataset: 'fashionMnist',
  batchSize: 32,
  sampleShape: [28, 28, 1],
  oneHotLabels: false,
  timePredict: true,
  layers: [
    { kind: 'conv', outputHeight: 26, outputWidth: 26, filters: 32, kernelSize: 3, inputChannels: 1 },
    { kind: 'conv', outputHeight: 11, outputWidth: 11, filters: 64, kernelSize: 3, inputChannels: 32 },
    { kind: 'conv', outputHeight: 3, outputWidth: 3, filters: 64, kernelSize: 3, inputChannels: 64 },
    { kind: 'dense', inputs: 576, units: 64 },
    { kind: 'dense', inputs: 64, units: 10 },
  ],
  strata() {
    const model = new Sequential([
      new Conv2D(32, 3, { activation: 'relu', inputShape: [28, 28, 1] }),
      new MaxPooling2D(2),
      new Conv2D(64, 3, { activation: 'relu' }),
      new MaxPooling2D(2),
      new Conv2D(64, 3, { activation: 'relu' }),
      new Flatten(),
      new Dense(64, { activation: 'relu' }),
      new Dense(10, { activation: 'softmax' }),
    ]);
    model.compile({ optimizer: new Adam(), loss: new SparseCategoricalCrossentropy(), metrics: ['accuracy'] });
    return model;
  },
  tfjsLayers() {
    const model = tfl.sequential({
      layers: [
        tfl.layers.conv2d({ filters: 32, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        tfl.layers.flatten(),
        tfl.layers.dense({ units: 64, activation: 'relu' }),
        tfl.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    return model;
  },
};

export const workloads: Record<WorkloadName, Workload> = { W1, W2, W3 };
