/**
 * NASNet-A Mobile and Large (Zoph et al., 2018), as Keras's `keras.applications.nasnet` builds them: the same
 * layers, names (Keras's default names for the unnamed ones, so build order matters) and order, so Keras's
 * weight files load into them.
 */
import {
  Activation,
  Add,
  AveragePooling2D,
  BatchNormalization,
  Concatenate,
  Conv2D,
  Cropping2D,
  Dense,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  MaxPooling2D,
  SeparableConv2D,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import {
  type ApplicationOptions,
  applicationInput,
  correctPad,
  finishModel,
} from './common';
import { preprocessTfMode } from './imagenet-utils';
import type * as tf from '@tensorflow/tfjs-core';

/** The arguments of Keras's generic `NASNet` builder. */
export interface NASNetArgs {
  penultimateFilters: number;
  numBlocks: number;
  stemBlockFilters: number;
  skipReduction: boolean;
  filterMultiplier: number;
  defaultSize: number;
  name: string;
}

const relu = (x: SymbolicTensor, name?: string) => new Activation('relu', name ? { name } : {}).apply(x);
const batchNorm = (x: SymbolicTensor, name: string) =>
  new BatchNormalization({ axis: -1, momentum: 0.9997, epsilon: 1e-3, name }).apply(x);
const add = (a: SymbolicTensor, b: SymbolicTensor, name?: string) =>
  new Add(name ? { name } : {}).apply([a, b]) as SymbolicTensor;
const conv1x1 = (x: SymbolicTensor, filters: number, name: string) =>
  new Conv2D(filters, [1, 1], {
    strides: [1, 1],
    padding: 'same',
    useBias: false,
    name,
    kernelInitializer: 'he_normal',
  }).apply(x);
const pool = (kind: 'avg' | 'max', x: SymbolicTensor, strides: number, padding: string, name: string) =>
  new (kind === 'avg' ? AveragePooling2D : MaxPooling2D)([3, 3], { strides: [strides, strides], padding, name }).apply(x);

/** Keras's generic `NASNet`: a stem, two reduction cells, then three stacks of normal cells split by reductions. */
export function NASNet(args: NASNetArgs, options: ApplicationOptions = {}): Model {
  const input = applicationInput(args.name, options, args.name, { defaultSize: args.defaultSize, minSize: 32 });
  const { options: opts, image: imageTensor } = input;
  const name = opts.name;
  const multiplier = args.filterMultiplier;
  if (args.penultimateFilters % (24 * multiplier ** 2) !== 0) {
    throw new Error(
      `${name} received penultimateFilters=${args.penultimateFilters}; for NASNet-A it must be a multiple of 24 * filterMultiplier ** 2 (${24 * multiplier ** 2}).`,
    );
  }
  const filters = Math.floor(args.penultimateFilters / 24);
  const n = args.numBlocks;

  let x = new Conv2D(args.stemBlockFilters, [3, 3], {
    strides: [2, 2],
    padding: 'valid',
    useBias: false,
    name: 'stem_conv1',
    kernelInitializer: 'he_normal',
  }).apply(imageTensor);
  x = batchNorm(x, 'stem_bn1');
  let p: SymbolicTensor | null = null;
  let p0: SymbolicTensor;
  [x, p] = reductionCell(x, p, Math.floor(filters / multiplier ** 2), 'stem_1');
  [x, p] = reductionCell(x, p, Math.floor(filters / multiplier), 'stem_2');
  for (let i = 0; i < n; i += 1) [x, p] = normalCell(x, p, filters, `${i}`);
  [x, p0] = reductionCell(x, p, filters * multiplier, `reduce_${n}`);
  p = args.skipReduction ? p : p0;
  for (let i = 0; i < n; i += 1) [x, p] = normalCell(x, p, filters * multiplier, `${n + i + 1}`);
  [x, p0] = reductionCell(x, p, filters * multiplier ** 2, `reduce_${2 * n}`);
  p = args.skipReduction ? p : p0;
  for (let i = 0; i < n; i += 1) [x, p] = normalCell(x, p, filters * multiplier ** 2, `${2 * n + i + 1}`);

  x = relu(x);
  if (opts.includeTop) {
    x = new GlobalAveragePooling2D().apply(x);
    x = new Dense(opts.classes, { activation: opts.classifierActivation, name: 'predictions' }).apply(x);
  } else if (opts.pooling === 'avg') {
    // Keras leaves NASNet's pooling layers unnamed.
    x = new GlobalAveragePooling2D().apply(x);
  } else if (opts.pooling === 'max') {
    x = new GlobalMaxPooling2D().apply(x);
  }
  return finishModel(input, x);
}

/** Keras's `_separable_conv_block`: relu, separable conv (padded first when strided), BN, relu, separable conv, BN. */
function separableConvBlock(ip: SymbolicTensor, filters: number, kernelSize: number, strides: number, id: string) {
  let x = relu(ip);
  if (strides === 2) x = new ZeroPadding2D(correctPad(x.shape, kernelSize), { name: `separable_conv_1_pad_${id}` }).apply(x);
  x = new SeparableConv2D(filters, [kernelSize, kernelSize], {
    strides: [strides, strides],
    name: `separable_conv_1_${id}`,
    padding: strides === 2 ? 'valid' : 'same',
    useBias: false,
  }).apply(x);
  x = batchNorm(x, `separable_conv_1_bn_${id}`);
  x = relu(x);
  x = new SeparableConv2D(filters, [kernelSize, kernelSize], {
    name: `separable_conv_2_${id}`,
    padding: 'same',
    useBias: false,
  }).apply(x);
  return batchNorm(x, `separable_conv_2_bn_${id}`);
}

/** Keras's `_adjust_block`: brings the previous cell's output `p` to the shape of `ip` (halved or projected). */
function adjustBlock(p: SymbolicTensor | null, ip: SymbolicTensor, filters: number, id: string): SymbolicTensor {
  if (p === null) return ip;
  if (p.shape[2] !== ip.shape[2]) {
    const activated = relu(p, `adjust_relu_1_${id}`);
    const strided = (t: SymbolicTensor, name: string) =>
      new AveragePooling2D([1, 1], { strides: [2, 2], padding: 'valid', name }).apply(t);
    let p1 = strided(activated, `adjust_avg_pool_1_${id}`);
    p1 = conv1x1(p1, Math.floor(filters / 2), `adjust_conv_1_${id}`);
    let p2 = new ZeroPadding2D([
      [0, 1],
      [0, 1],
    ]).apply(activated);
    p2 = new Cropping2D([
      [1, 0],
      [1, 0],
    ]).apply(p2);
    p2 = strided(p2, `adjust_avg_pool_2_${id}`);
    p2 = conv1x1(p2, Math.floor(filters / 2), `adjust_conv_2_${id}`);
    const joined = new Concatenate({ axis: -1 }).apply([p1, p2]) as SymbolicTensor;
    return batchNorm(joined, `adjust_bn_${id}`);
  }
  if (p.shape[3] !== filters) {
    const projected = conv1x1(relu(p), filters, `adjust_conv_projection_${id}`);
    return batchNorm(projected, `adjust_bn_${id}`);
  }
  return p;
}

/** Keras's `_normal_a_cell`; returns the cell's output and its input (the next cell's `p`). */
function normalCell(ip: SymbolicTensor, previous: SymbolicTensor | null, filters: number, id: string) {
  const p = adjustBlock(previous, ip, filters, id);
  let h = relu(ip);
  h = conv1x1(h, filters, `normal_conv_1_${id}`);
  h = batchNorm(h, `normal_bn_1_${id}`);
  const x11 = separableConvBlock(h, filters, 5, 1, `normal_left1_${id}`);
  const x12 = separableConvBlock(p, filters, 3, 1, `normal_right1_${id}`);
  const x1 = add(x11, x12, `normal_add_1_${id}`);
  const x21 = separableConvBlock(p, filters, 5, 1, `normal_left2_${id}`);
  const x22 = separableConvBlock(p, filters, 3, 1, `normal_right2_${id}`);
  const x2 = add(x21, x22, `normal_add_2_${id}`);
  const x3 = add(pool('avg', h, 1, 'same', `normal_left3_${id}`), p, `normal_add_3_${id}`);
  const x41 = pool('avg', p, 1, 'same', `normal_left4_${id}`);
  const x42 = pool('avg', p, 1, 'same', `normal_right4_${id}`);
  const x4 = add(x41, x42, `normal_add_4_${id}`);
  const x5 = add(separableConvBlock(h, filters, 3, 1, `normal_left5_${id}`), h, `normal_add_5_${id}`);
  const x = new Concatenate({ axis: -1, name: `normal_concat_${id}` }).apply([p, x1, x2, x3, x4, x5]) as SymbolicTensor;
  return [x, ip] as [SymbolicTensor, SymbolicTensor];
}

/** Keras's `_reduction_a_cell` (names included, `reduction_add3_`/`reduction_left4_` quirks too). */
function reductionCell(ip: SymbolicTensor, previous: SymbolicTensor | null, filters: number, id: string) {
  const p = adjustBlock(previous, ip, filters, id);
  let h = relu(ip);
  h = conv1x1(h, filters, `reduction_conv_1_${id}`);
  h = batchNorm(h, `reduction_bn_1_${id}`);
  const h3 = new ZeroPadding2D(correctPad(h.shape, 3), { name: `reduction_pad_1_${id}` }).apply(h);
  const x11 = separableConvBlock(h, filters, 5, 2, `reduction_left1_${id}`);
  const x12 = separableConvBlock(p, filters, 7, 2, `reduction_right1_${id}`);
  const x1 = add(x11, x12, `reduction_add_1_${id}`);
  const x21 = pool('max', h3, 2, 'valid', `reduction_left2_${id}`);
  const x22 = separableConvBlock(p, filters, 7, 2, `reduction_right2_${id}`);
  const x2 = add(x21, x22, `reduction_add_2_${id}`);
  const x31 = pool('avg', h3, 2, 'valid', `reduction_left3_${id}`);
  const x32 = separableConvBlock(p, filters, 5, 2, `reduction_right3_${id}`);
  const x3 = add(x31, x32, `reduction_add3_${id}`);
  const x4 = add(x2, pool('avg', x1, 1, 'same', `reduction_left4_${id}`));
  const x51 = separableConvBlock(x1, filters, 3, 1, `reduction_left4_${id}`);
  const x52 = pool('max', h3, 2, 'valid', `reduction_right5_${id}`);
  const x5 = add(x51, x52, `reduction_add4_${id}`);
  const x = new Concatenate({ axis: -1, name: `reduction_concat_${id}` }).apply([x2, x3, x4, x5]) as SymbolicTensor;
  return [x, ip] as [SymbolicTensor, SymbolicTensor];
}

/** NASNet-A Mobile (4 @ 1056), 224x224 by default. */
export function NASNetMobile(options: ApplicationOptions = {}): Model {
  return NASNet(
    {
      penultimateFilters: 1056,
      numBlocks: 4,
      stemBlockFilters: 32,
      skipReduction: false,
      filterMultiplier: 2,
      defaultSize: 224,
      name: 'nasnet_mobile',
    },
    options,
  );
}

/** NASNet-A Large (6 @ 4032), 331x331 by default. */
export function NASNetLarge(options: ApplicationOptions = {}): Model {
  return NASNet(
    {
      penultimateFilters: 4032,
      numBlocks: 6,
      stemBlockFilters: 96,
      skipReduction: true,
      filterMultiplier: 2,
      defaultSize: 331,
      name: 'nasnet_large',
    },
    options,
  );
}

/** NASNet's `preprocess_input` (Keras's 'tf' mode): pixels in [0, 255] to [-1, 1]. */
export function preprocessInput(x: tf.Tensor): tf.Tensor {
  return preprocessTfMode(x);
}
