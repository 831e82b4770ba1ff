/**
 * MobileNetV3 Small and Large (Howard et al., 2019), as Keras's `keras.applications.mobilenet_v3` builds them: the
 * same layers, names (Keras's default names for the unnamed ones, so build order matters) and order. Its hard
 * sigmoid is `ReLU(6)(x + 3) * (1 / 6)`: two op nodes (`ops.add`, `ops.multiply` on symbolic tensors).
 */
import {
  Activation,
  type ActivationIdentifier,
  Add,
  BatchNormalization,
  Conv2D,
  DepthwiseConv2D,
  Dropout,
  Flatten,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  Input,
  Multiply,
  ReLU,
  Rescaling,
  type Shape,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import * as ops from '@strata/ops';
import { type ApplicationOptions, correctPad, finishModel, resolveOptions } from './common';

export interface MobileNetV3Options extends ApplicationOptions {
  /** Width multiplier of every layer (default 1). */
  alpha?: number;
  /** Without squeeze-and-excitation, hard-swish and 5x5 kernels (default false). */
  minimalistic?: boolean;
  /** Dropout before the classifier (default 0.2). */
  dropoutRate?: number;
  /** Whether the model rescales pixels in [0, 255] to [-1, 1] itself (default true). */
  includePreprocessing?: boolean;
}

type Act = (x: SymbolicTensor) => SymbolicTensor;

const relu: Act = (x) => new ReLU().apply(x);
const hardSwish: Act = (x) => new Activation('hard_swish').apply(x);

/** Keras's `hard_sigmoid` here: ReLU(6)(x + 3) * (1 / 6), with the add and multiply as op nodes. */
function hardSigmoid(x: SymbolicTensor): SymbolicTensor {
  const shifted = ops.add(x, 3.0) as unknown as SymbolicTensor;
  const clipped = new ReLU({ maxValue: 6.0 }).apply(shifted);
  return ops.multiply(clipped, 1.0 / 6.0) as unknown as SymbolicTensor;
}

/** Keras's `_depth`: rounded to a multiple of 8, never more than 10% down. */
function depth(v: number, divisor = 8): number {
  let rounded = Math.max(divisor, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

const batchNorm = (x: SymbolicTensor, name: string) =>
  new BatchNormalization({ axis: -1, epsilon: 1e-3, momentum: 0.999, name }).apply(x);

function seBlock(inputs: SymbolicTensor, filters: number, seRatio: number, prefix: string): SymbolicTensor {
  let x = new GlobalAveragePooling2D({ keepdims: true, name: `${prefix}squeeze_excite_avg_pool` }).apply(inputs);
  x = new Conv2D(depth(filters * seRatio), 1, { padding: 'same', name: `${prefix}squeeze_excite_conv` }).apply(x);
  x = new ReLU({ name: `${prefix}squeeze_excite_relu` }).apply(x);
  x = new Conv2D(filters, 1, { padding: 'same', name: `${prefix}squeeze_excite_conv_1` }).apply(x);
  x = hardSigmoid(x);
  return new Multiply({ name: `${prefix}squeeze_excite_mul` }).apply([inputs, x]) as SymbolicTensor;
}

/** Keras's `_inverted_res_block`. */
function invertedResBlock(
  input: SymbolicTensor,
  expansion: number,
  filters: number,
  kernelSize: number,
  stride: number,
  seRatio: number | null,
  activation: Act,
  blockId: number,
): SymbolicTensor {
  const inFilters = input.shape[3] as number;
  let prefix = 'expanded_conv_';
  let x = input;
  if (blockId) {
    prefix = `expanded_conv_${blockId}_`;
    x = new Conv2D(depth(inFilters * expansion), 1, { padding: 'same', useBias: false, name: `${prefix}expand` }).apply(x);
    x = activation(batchNorm(x, `${prefix}expand_bn`));
  }
  if (stride === 2) x = new ZeroPadding2D(correctPad(x.shape, kernelSize), { name: `${prefix}depthwise_pad` }).apply(x);
  x = new DepthwiseConv2D(kernelSize, {
    strides: stride,
    padding: stride === 1 ? 'same' : 'valid',
    useBias: false,
    name: `${prefix}depthwise`,
  }).apply(x);
  x = activation(batchNorm(x, `${prefix}depthwise_bn`));
  if (seRatio) x = seBlock(x, depth(inFilters * expansion), seRatio, prefix);
  x = new Conv2D(filters, 1, { padding: 'same', useBias: false, name: `${prefix}project` }).apply(x);
  x = batchNorm(x, `${prefix}project_bn`);
  if (stride === 1 && inFilters === filters) x = new Add({ name: `${prefix}add` }).apply([input, x]) as SymbolicTensor;
  return x;
}

/** One block: expansion, filters (before alpha), kernel ('k' for the family kernel), stride, SE, activation. */
type BlockSpec = [number, number, 3 | 'k', number, boolean, 'relu' | 'act'];

const SMALL: BlockSpec[] = [
  [1, 16, 3, 2, true, 'relu'],
  [72 / 16, 24, 3, 2, false, 'relu'],
  [88 / 24, 24, 3, 1, false, 'relu'],
  [4, 40, 'k', 2, true, 'act'],
  [6, 40, 'k', 1, true, 'act'],
  [6, 40, 'k', 1, true, 'act'],
  [3, 48, 'k', 1, true, 'act'],
  [3, 48, 'k', 1, true, 'act'],
  [6, 96, 'k', 2, true, 'act'],
  [6, 96, 'k', 1, true, 'act'],
  [6, 96, 'k', 1, true, 'act'],
];

const LARGE: BlockSpec[] = [
  [1, 16, 3, 1, false, 'relu'],
  [4, 24, 3, 2, false, 'relu'],
  [3, 24, 3, 1, false, 'relu'],
  [3, 40, 'k', 2, true, 'relu'],
  [3, 40, 'k', 1, true, 'relu'],
  [3, 40, 'k', 1, true, 'relu'],
  [6, 80, 3, 2, false, 'act'],
  [2.5, 80, 3, 1, false, 'act'],
  [2.3, 80, 3, 1, false, 'act'],
  [2.3, 80, 3, 1, false, 'act'],
  [6, 112, 3, 1, true, 'act'],
  [6, 112, 3, 1, true, 'act'],
  [6, 160, 'k', 2, true, 'act'],
  [6, 160, 'k', 1, true, 'act'],
  [6, 160, 'k', 1, true, 'act'],
];

/** Keras's input shape rule for MobileNetV3: any size from 32 up, unknown by default even with the classifier. */
function inputShapeOf(name: string, inputShape: Shape | undefined, inputTensor: SymbolicTensor | undefined): Shape {
  let shape: Shape;
  if (inputShape) shape = [...inputShape];
  // Keras swaps rows and columns here; kept so square and unknown sizes behave the same.
  else if (inputTensor) shape = [inputTensor.shape[2], inputTensor.shape[1], 3];
  else shape = [null, null, 3];
  const [rows, cols] = shape;
  if (rows && cols && (rows < 32 || cols < 32)) {
    throw new Error(`${name} received inputShape=[${shape.join(', ')}]; the input size must be at least 32x32.`);
  }
  return shape;
}

function MobileNetV3(blocks: BlockSpec[], lastPointChannels: number, defaultName: string, options: MobileNetV3Options): Model {
  const opts = resolveOptions(defaultName, options, defaultName);
  const name = opts.name;
  const alpha = options.alpha ?? 1.0;
  const minimalistic = options.minimalistic ?? false;
  const dropoutRate = options.dropoutRate ?? 0.2;
  const shape = inputShapeOf(name, opts.inputShape, opts.inputTensor);
  const imageTensor = opts.inputTensor ?? Input({ shape });
  const kernel = minimalistic ? 3 : 5;
  const activation = minimalistic ? relu : hardSwish;
  const seRatio = minimalistic ? null : 0.25;

  let x = imageTensor;
  if (options.includePreprocessing ?? true) x = new Rescaling(1.0 / 127.5, { offset: -1.0 }).apply(x);
  x = new Conv2D(16, 3, { strides: [2, 2], padding: 'same', useBias: false, name: 'conv' }).apply(x);
  x = activation(batchNorm(x, 'conv_bn'));
  blocks.forEach(([expansion, filters, kernelSize, stride, se, act], blockId) => {
    x = invertedResBlock(
      x,
      expansion,
      depth(filters * alpha),
      kernelSize === 'k' ? kernel : kernelSize,
      stride,
      se ? seRatio : null,
      act === 'relu' ? relu : activation,
      blockId,
    );
  });
  const lastConvChannels = depth((x.shape[3] as number) * 6);
  const lastPoint = alpha > 1.0 ? depth(lastPointChannels * alpha) : lastPointChannels;
  x = new Conv2D(lastConvChannels, 1, { padding: 'same', useBias: false, name: 'conv_1' }).apply(x);
  x = activation(batchNorm(x, 'conv_1_bn'));
  if (opts.includeTop) {
    x = new GlobalAveragePooling2D({ keepdims: true }).apply(x);
    x = new Conv2D(lastPoint, 1, { padding: 'same', useBias: true, name: 'conv_2' }).apply(x);
    x = activation(x);
    if (dropoutRate > 0) x = new Dropout(dropoutRate).apply(x);
    x = new Conv2D(opts.classes, 1, { padding: 'same', name: 'logits' }).apply(x);
    x = new Flatten().apply(x);
    x = new Activation((opts.classifierActivation ?? 'linear') as ActivationIdentifier, { name: 'predictions' }).apply(x);
  } else if (opts.pooling === 'avg') {
    x = new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x);
  } else if (opts.pooling === 'max') {
    x = new GlobalMaxPooling2D({ name: 'max_pool' }).apply(x);
  }
  return finishModel({ options: opts, image: imageTensor, shape }, x);
}

export const MobileNetV3Small = (options: MobileNetV3Options = {}): Model =>
  MobileNetV3(SMALL, 1024, 'MobileNetV3Small', options);
export const MobileNetV3Large = (options: MobileNetV3Options = {}): Model =>
  MobileNetV3(LARGE, 1280, 'MobileNetV3Large', options);

/** MobileNetV3's `preprocess_input` is the identity: with `includePreprocessing` the model rescales itself. */
export function preprocessInput<T>(x: T): T {
  return x;
}
