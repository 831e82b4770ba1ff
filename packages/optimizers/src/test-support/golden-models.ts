// Test support: the two models of keras-golden/train written directly with tf ops
// (the models package does not exist yet), and a training step like Keras's.
import { npyToTensor, readGoldenNpy, readGoldenNpz } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '../optimizer';

export interface GoldenModel {
  /** Keras paths (`sequential/dense/kernel`) in Keras's weight order. */
  paths: string[];
  weights: tf.Variable[];
  x: tf.Tensor;
  y: tf.Tensor;
  loss: () => tf.Scalar;
  dispose: () => void;
}

/** npz key `002__sequential__dense_1__kernel` → `sequential/dense_1/kernel`. */
export function keyToPath(key: string): string {
  return key.replace(/^\d+__/, '').replace(/__/g, '/');
}

export function loadWeights(...parts: string[]): Map<string, tf.Tensor> {
  const result = new Map<string, tf.Tensor>();
  for (const [key, array] of readGoldenNpz(...parts)) result.set(keyToPath(key), npyToTensor(array));
  return result;
}

function dense(input: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return tf.add(tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D), bias);
}

/** Model (a): Flatten → Dense(128, relu) → Dense(10) logits; sparse CE from logits, mean over the batch. */
function forwardA(x: tf.Tensor, y: tf.Tensor, [k1, b1, k2, b2]: tf.Tensor[]): tf.Scalar {
  const flat = tf.reshape(x, [x.shape[0], -1]);
  const logits = dense(tf.relu(dense(flat, k1, b1)), k2, b2);
  const logProbabilities = tf.logSoftmax(logits);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(y as tf.Tensor1D, 10), logProbabilities), -1))) as tf.Scalar;
}

/**
 * Model (c): Conv2D(32,3,relu) → MaxPool2 → Conv2D(64,3,relu) → MaxPool2 →
 * Conv2D(64,3,relu) → Flatten → Dense(64,relu) → Dense(10,softmax); sparse CE on
 * probabilities, which Keras clips to [1e-7, 1-1e-7] before the log.
 */
function forwardC(x: tf.Tensor, y: tf.Tensor, weights: tf.Tensor[]): tf.Scalar {
  const [c1k, c1b, c2k, c2b, c3k, c3b, d1k, d1b, d2k, d2b] = weights;
  const conv = (input: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) =>
    tf.relu(tf.add(tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, 1, 'valid'), bias));
  const pool = (input: tf.Tensor) => tf.maxPool(input as tf.Tensor4D, 2, 2, 'valid');
  const features = conv(pool(conv(pool(conv(x, c1k, c1b)), c2k, c2b)), c3k, c3b);
  const flat = tf.reshape(features, [x.shape[0], -1]);
  const probabilities = tf.softmax(dense(tf.relu(dense(flat, d1k, d1b)), d2k, d2b));
  const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(y as tf.Tensor1D, 10), tf.log(clipped)), -1))) as tf.Scalar;
}

export function loadGoldenModel(kind: 'a' | 'c'): GoldenModel {
  const shared = `${kind}_shared`;
  const initial = loadWeights('train', shared, 'initial.npz');
  const paths = [...initial.keys()];
  const weights = paths.map((path) => tf.variable(initial.get(path) as tf.Tensor, true));
  for (const tensor of initial.values()) tensor.dispose();
  const x = npyToTensor(readGoldenNpy('train', shared, 'x.npy'));
  const y = npyToTensor(readGoldenNpy('train', shared, 'y.npy'));
  const forward = kind === 'a' ? forwardA : forwardC;
  return {
    paths,
    weights,
    x,
    y,
    loss: () => forward(x, y, weights),
    dispose: () => {
      for (const tensor of [...weights, x, y]) tensor.dispose();
    },
  };
}

/** One training step as the models package will run it: one tidy, no device reads. Returns the loss (kept). */
export function trainStep(model: GoldenModel, optimizer: Optimizer): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(model.loss, model.weights);
    optimizer.applyGradients(model.weights.map((weight) => [grads[weight.name], weight]));
    return value;
  });
}
