/**
 * InceptionV3 (Szegedy et al., "Rethinking the Inception Architecture for Computer Vision", CVPR 2016),
 * built as Keras's `keras.applications.InceptionV3` builds it. Its convolution blocks carry Keras's
 * automatic names, so the layers are created in Keras's order.
 */
import {
  Activation,
  AveragePooling2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  MaxPooling2D,
  type SymbolicTensor,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, classifierHead, finishModel } from './common';

type T = SymbolicTensor;

/** Keras's `conv2d_bn`: a bias-free convolution, BatchNorm without scale, ReLU (all with automatic names). */
function convBn(x: T, filters: number, rows: number, cols: number, strides = 1, padding = 'same'): T {
  let y = applyLayer(new Conv2D(filters, [rows, cols], { strides: [strides, strides], padding, useBias: false }), x);
  y = applyLayer(new BatchNormalization({ axis: 3, scale: false }), y);
  return applyLayer(new Activation('relu'), y);
}

const concat = (inputs: T[], name?: string) => applyLayer(new Concatenate({ axis: 3, name }), inputs);
const avgPool = (x: T) => applyLayer(new AveragePooling2D([3, 3], { strides: [1, 1], padding: 'same' }), x);
const maxPool = (x: T) => applyLayer(new MaxPooling2D([3, 3], { strides: [2, 2] }), x);

/** The 35x35 blocks mixed0..mixed2: 1x1, 5x5, double 3x3 and pooled branches. */
function blockA(x: T, poolFilters: number, name: string): T {
  const b1 = convBn(x, 64, 1, 1);
  let b5 = convBn(x, 48, 1, 1);
  b5 = convBn(b5, 64, 5, 5);
  let b3 = convBn(x, 64, 1, 1);
  b3 = convBn(b3, 96, 3, 3);
  b3 = convBn(b3, 96, 3, 3);
  const pool = convBn(avgPool(x), poolFilters, 1, 1);
  return concat([b1, b5, b3, pool], name);
}

/** The 17x17 blocks mixed4..mixed7: 1x1, factorized 7x7, double factorized 7x7 and pooled branches. */
function blockC(x: T, filters: number, name: string): T {
  const b1 = convBn(x, 192, 1, 1);
  let b7 = convBn(x, filters, 1, 1);
  b7 = convBn(b7, filters, 1, 7);
  b7 = convBn(b7, 192, 7, 1);
  let b7dbl = convBn(x, filters, 1, 1);
  b7dbl = convBn(b7dbl, filters, 7, 1);
  b7dbl = convBn(b7dbl, filters, 1, 7);
  b7dbl = convBn(b7dbl, filters, 7, 1);
  b7dbl = convBn(b7dbl, 192, 1, 7);
  const pool = convBn(avgPool(x), 192, 1, 1);
  return concat([b1, b7, b7dbl, pool], name);
}

/** The 8x8 blocks mixed9 and mixed10, with their split 1x3/3x1 branches. */
function blockE(x: T, index: number): T {
  const b1 = convBn(x, 320, 1, 1);
  let b3 = convBn(x, 384, 1, 1);
  const b3a = convBn(b3, 384, 1, 3);
  const b3b = convBn(b3, 384, 3, 1);
  b3 = concat([b3a, b3b], `mixed9_${index}`);
  let b3dbl = convBn(x, 448, 1, 1);
  b3dbl = convBn(b3dbl, 384, 3, 3);
  const b3dblA = convBn(b3dbl, 384, 1, 3);
  const b3dblB = convBn(b3dbl, 384, 3, 1);
  b3dbl = concat([b3dblA, b3dblB]);
  const pool = convBn(avgPool(x), 192, 1, 1);
  return concat([b1, b3, b3dbl, pool], `mixed${9 + index}`);
}

/** Keras's `InceptionV3`: default input 299x299, at least 75x75. */
export function InceptionV3(options: ApplicationOptions = {}): Model {
  const input = applicationInput('InceptionV3', options, 'inception_v3', { defaultSize: 299, minSize: 75 });
  let x = convBn(input.image, 32, 3, 3, 2, 'valid');
  x = convBn(x, 32, 3, 3, 1, 'valid');
  x = convBn(x, 64, 3, 3);
  x = maxPool(x);
  x = convBn(x, 80, 1, 1, 1, 'valid');
  x = convBn(x, 192, 3, 3, 1, 'valid');
  x = maxPool(x);
  x = blockA(x, 32, 'mixed0');
  x = blockA(x, 64, 'mixed1');
  x = blockA(x, 64, 'mixed2');
  // mixed3: 35x35 -> 17x17.
  const b3 = convBn(x, 384, 3, 3, 2, 'valid');
  let b3dbl = convBn(x, 64, 1, 1);
  b3dbl = convBn(b3dbl, 96, 3, 3);
  b3dbl = convBn(b3dbl, 96, 3, 3, 2, 'valid');
  x = concat([b3, b3dbl, maxPool(x)], 'mixed3');
  x = blockC(x, 128, 'mixed4');
  x = blockC(x, 160, 'mixed5');
  x = blockC(x, 160, 'mixed6');
  x = blockC(x, 192, 'mixed7');
  // mixed8: 17x17 -> 8x8.
  let b3b = convBn(x, 192, 1, 1);
  b3b = convBn(b3b, 320, 3, 3, 2, 'valid');
  let b7x3 = convBn(x, 192, 1, 1);
  b7x3 = convBn(b7x3, 192, 1, 7);
  b7x3 = convBn(b7x3, 192, 7, 1);
  b7x3 = convBn(b7x3, 192, 3, 3, 2, 'valid');
  x = concat([b3b, b7x3, maxPool(x)], 'mixed8');
  x = blockE(x, 0);
  x = blockE(x, 1);
  return finishModel(input, classifierHead(x, input.options));
}
