/**
 * Inception-ResNet-v2 (Szegedy et al., 2016), as Keras's `keras.applications.inception_resnet_v2` builds it: the
 * same layers, names (Keras's default names for the unnamed ones, so build order matters) and order, so Keras's
 * weight files load into it. Its residual sums are `CustomScaleLayer`s.
 */
import {
  Activation,
  AveragePooling2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  CustomScaleLayer,
  Dense,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling2D,
  type SymbolicTensor,
} from '@strata/layers';
import type { Model } from '@strata/models';
import type * as tf from '@tensorflow/tfjs-core';
import { type ApplicationOptions, applicationInput, finishModel } from './common';
import { preprocessTfMode } from './imagenet-utils';

interface ConvBnArgs {
  strides?: number;
  padding?: string;
  activation?: string | null;
  useBias?: boolean;
  name?: string;
}

/** Keras's `conv2d_bn`: convolution, then (without bias) a BatchNormalization without scale, then the activation. */
function conv2dBn(x: SymbolicTensor, filters: number, kernelSize: number | number[], args: ConvBnArgs = {}) {
  const { strides = 1, padding = 'same', activation = 'relu', useBias = false, name } = args;
  let y = new Conv2D(filters, kernelSize, { strides, padding, useBias, ...(name ? { name } : {}) }).apply(x);
  if (!useBias) {
    y = new BatchNormalization({ axis: 3, scale: false, ...(name ? { name: `${name}_bn` } : {}) }).apply(y);
  }
  if (activation !== null) y = new Activation(activation, name ? { name: `${name}_ac` } : {}).apply(y);
  return y;
}

const concat = (branches: SymbolicTensor[], name: string) =>
  new Concatenate({ axis: 3, name }).apply(branches) as SymbolicTensor;

type BlockType = 'block35' | 'block17' | 'block8';

/** Keras's `inception_resnet_block`: branches, a 1x1 projection, then `x + scale * up` and the activation. */
function inceptionResnetBlock(x: SymbolicTensor, scale: number, type: BlockType, index: number, activation: string | null = 'relu') {
  let branches: SymbolicTensor[];
  if (type === 'block35') {
    const b0 = conv2dBn(x, 32, 1);
    const b1 = conv2dBn(conv2dBn(x, 32, 1), 32, 3);
    const b2 = conv2dBn(conv2dBn(conv2dBn(x, 32, 1), 48, 3), 64, 3);
    branches = [b0, b1, b2];
  } else if (type === 'block17') {
    const b0 = conv2dBn(x, 192, 1);
    const b1 = conv2dBn(conv2dBn(conv2dBn(x, 128, 1), 160, [1, 7]), 192, [7, 1]);
    branches = [b0, b1];
  } else {
    const b0 = conv2dBn(x, 192, 1);
    const b1 = conv2dBn(conv2dBn(conv2dBn(x, 192, 1), 224, [1, 3]), 256, [3, 1]);
    branches = [b0, b1];
  }
  const blockName = `${type}_${index}`;
  const mixed = concat(branches, `${blockName}_mixed`);
  const up = conv2dBn(mixed, x.shape[3] as number, 1, { activation: null, useBias: true, name: `${blockName}_conv` });
  let y = new CustomScaleLayer({ scale }).apply([x, up]) as SymbolicTensor;
  if (activation !== null) y = new Activation(activation, { name: `${blockName}_ac` }).apply(y);
  return y;
}

/** Inception-ResNet-v2, 299x299 by default (at least 75x75). */
export function InceptionResNetV2(options: ApplicationOptions = {}): Model {
  const input = applicationInput('InceptionResNetV2', options, 'inception_resnet_v2', { defaultSize: 299, minSize: 75 });
  const { options: opts, image: imageTensor } = input;
  const maxPool = (t: SymbolicTensor) => new MaxPooling2D(3, { strides: 2, padding: 'valid' }).apply(t);

  // Stem: 35 x 35 x 192 at the default size.
  let x = conv2dBn(imageTensor, 32, 3, { strides: 2, padding: 'valid' });
  x = conv2dBn(x, 32, 3, { padding: 'valid' });
  x = conv2dBn(x, 64, 3);
  x = maxPool(x);
  x = conv2dBn(x, 80, 1, { padding: 'valid' });
  x = conv2dBn(x, 192, 3, { padding: 'valid' });
  x = maxPool(x);

  // Mixed 5b (Inception-A).
  {
    const b0 = conv2dBn(x, 96, 1);
    const b1 = conv2dBn(conv2dBn(x, 48, 1), 64, 5);
    const b2 = conv2dBn(conv2dBn(conv2dBn(x, 64, 1), 96, 3), 96, 3);
    const pool = conv2dBn(new AveragePooling2D(3, { strides: 1, padding: 'same' }).apply(x), 64, 1);
    x = concat([b0, b1, b2, pool], 'mixed_5b');
  }
  for (let i = 1; i <= 10; i += 1) x = inceptionResnetBlock(x, 0.17, 'block35', i);

  // Mixed 6a (Reduction-A).
  {
    const b0 = conv2dBn(x, 384, 3, { strides: 2, padding: 'valid' });
    const b1 = conv2dBn(conv2dBn(conv2dBn(x, 256, 1), 256, 3), 384, 3, { strides: 2, padding: 'valid' });
    x = concat([b0, b1, maxPool(x)], 'mixed_6a');
  }
  for (let i = 1; i <= 20; i += 1) x = inceptionResnetBlock(x, 0.1, 'block17', i);

  // Mixed 7a (Reduction-B).
  {
    const b0 = conv2dBn(conv2dBn(x, 256, 1), 384, 3, { strides: 2, padding: 'valid' });
    const b1 = conv2dBn(conv2dBn(x, 256, 1), 288, 3, { strides: 2, padding: 'valid' });
    const b2 = conv2dBn(conv2dBn(conv2dBn(x, 256, 1), 288, 3), 320, 3, { strides: 2, padding: 'valid' });
    x = concat([b0, b1, b2, maxPool(x)], 'mixed_7a');
  }
  for (let i = 1; i <= 9; i += 1) x = inceptionResnetBlock(x, 0.2, 'block8', i);
  x = inceptionResnetBlock(x, 1.0, 'block8', 10, null);

  x = conv2dBn(x, 1536, 1, { name: 'conv_7b' });
  if (opts.includeTop) {
    x = new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x);
    x = new Dense(opts.classes, { activation: opts.classifierActivation, name: 'predictions' }).apply(x);
  } else if (opts.pooling === 'avg') {
    // Keras leaves these pooling layers unnamed here.
    x = new GlobalAveragePooling2D().apply(x);
  } else if (opts.pooling === 'max') {
    x = new GlobalMaxPooling2D().apply(x);
  }
  return finishModel(input, x);
}

/** Inception-ResNet-v2's `preprocess_input` (Keras's 'tf' mode): pixels in [0, 255] to [-1, 1]. */
export function preprocessInput(x: tf.Tensor): tf.Tensor {
  return preprocessTfMode(x);
}
