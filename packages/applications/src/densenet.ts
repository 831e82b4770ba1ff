/**
 * DenseNet121, DenseNet169 and DenseNet201 (Huang et al., "Densely Connected Convolutional Networks",
 * CVPR 2017), built as Keras's `keras.applications.DenseNet*` build them.
 */
import {
  Activation,
  AveragePooling2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  MaxPooling2D,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, classifierHead, finishModel, NAMED_HEAD } from './common';

const EPSILON = 1.001e-5;
const GROWTH_RATE = 32;

function batchNorm(name: string): BatchNormalization {
  return new BatchNormalization({ axis: 3, epsilon: EPSILON, name });
}

/** Keras's `conv_block`: BN-ReLU-1x1 conv, BN-ReLU-3x3 conv to `growthRate` channels, concatenated to the input. */
function convBlock(x: SymbolicTensor, name: string): SymbolicTensor {
  let y = applyLayer(batchNorm(`${name}_0_bn`), x);
  y = applyLayer(new Activation('relu', { name: `${name}_0_relu` }), y);
  y = applyLayer(new Conv2D(4 * GROWTH_RATE, 1, { useBias: false, name: `${name}_1_conv` }), y);
  y = applyLayer(batchNorm(`${name}_1_bn`), y);
  y = applyLayer(new Activation('relu', { name: `${name}_1_relu` }), y);
  y = applyLayer(new Conv2D(GROWTH_RATE, 3, { padding: 'same', useBias: false, name: `${name}_2_conv` }), y);
  return applyLayer(new Concatenate({ axis: 3, name: `${name}_concat` }), [x, y]);
}

function denseBlock(x: SymbolicTensor, blocks: number, name: string): SymbolicTensor {
  let y = x;
  for (let i = 1; i <= blocks; i++) y = convBlock(y, `${name}_block${i}`);
  return y;
}

/** Keras's `transition_block`: BN-ReLU, a 1x1 convolution halving the channels, 2x2 average pooling. */
function transitionBlock(x: SymbolicTensor, reduction: number, name: string): SymbolicTensor {
  let y = applyLayer(batchNorm(`${name}_bn`), x);
  y = applyLayer(new Activation('relu', { name: `${name}_relu` }), y);
  const channels = Math.trunc((y.shape[3] as number) * reduction);
  y = applyLayer(new Conv2D(channels, 1, { useBias: false, name: `${name}_conv` }), y);
  return applyLayer(new AveragePooling2D(2, { strides: 2, name: `${name}_pool` }), y);
}

function densenet(depth: 121 | 169 | 201, blocks: number[], options: ApplicationOptions): Model {
  const input = applicationInput(`DenseNet${depth}`, options, `densenet${depth}`, { defaultSize: 224, minSize: 32 });
  let x = applyLayer(new ZeroPadding2D([[3, 3], [3, 3]]), input.image);
  x = applyLayer(new Conv2D(64, 7, { strides: 2, useBias: false, name: 'conv1_conv' }), x);
  x = applyLayer(batchNorm('conv1_bn'), x);
  x = applyLayer(new Activation('relu', { name: 'conv1_relu' }), x);
  x = applyLayer(new ZeroPadding2D([[1, 1], [1, 1]]), x);
  x = applyLayer(new MaxPooling2D(3, { strides: 2, name: 'pool1' }), x);
  blocks.forEach((count, i) => {
    x = denseBlock(x, count, `conv${i + 2}`);
    if (i < blocks.length - 1) x = transitionBlock(x, 0.5, `pool${i + 2}`);
  });
  x = applyLayer(batchNorm('bn'), x);
  x = applyLayer(new Activation('relu', { name: 'relu' }), x);
  return finishModel(input, classifierHead(x, input.options, NAMED_HEAD));
}

/** Keras's `DenseNet121`: dense blocks of 6, 12, 24 and 16 convolution blocks. */
export function DenseNet121(options: ApplicationOptions = {}): Model {
  return densenet(121, [6, 12, 24, 16], options);
}

/** Keras's `DenseNet169`: dense blocks of 6, 12, 32 and 32 convolution blocks. */
export function DenseNet169(options: ApplicationOptions = {}): Model {
  return densenet(169, [6, 12, 32, 32], options);
}

/** Keras's `DenseNet201`: dense blocks of 6, 12, 48 and 32 convolution blocks. */
export function DenseNet201(options: ApplicationOptions = {}): Model {
  return densenet(201, [6, 12, 48, 32], options);
}
