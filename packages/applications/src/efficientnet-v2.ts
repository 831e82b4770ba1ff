/**
 * EfficientNetV2 B0-B3, S, M and L (Tan & Le, 2021), as Keras's `keras.applications.efficientnet_v2` builds them:
 * the same layers, names and order, so Keras's weight files load into them.
 */
import {
  Activation,
  type ActivationIdentifier,
  Add,
  BatchNormalization,
  Constant,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  GlobalAveragePooling2D,
  Multiply,
  Normalization,
  Rescaling,
  Reshape,
  type SymbolicTensor,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { convInitializer, denseInitializer } from './efficientnet';
import {
  type ApplicationOptions,
  applicationInput,
  finishModel,
  NAMED_HEAD,
  poolingHead,
} from './common';

export interface EfficientNetV2Options extends ApplicationOptions {
  /** Whether the model rescales (and for B0-B3 normalizes) pixels in [0, 255] itself (default true). */
  includePreprocessing?: boolean;
}

/** One stage: kernel, repeats, input and output filters, expansion, squeeze ratio, stride, fused (1) or not (0). */
type Stage = [number, number, number, number, number, number, number, 0 | 1];

const B_STAGES: Stage[] = [
  [3, 1, 32, 16, 1, 0, 1, 1],
  [3, 2, 16, 32, 4, 0, 2, 1],
  [3, 2, 32, 48, 4, 0, 2, 1],
  [3, 3, 48, 96, 4, 0.25, 2, 0],
  [3, 5, 96, 112, 6, 0.25, 1, 0],
  [3, 8, 112, 192, 6, 0.25, 2, 0],
];

/** Keras's DEFAULT_BLOCKS_ARGS, keyed as Keras keys them (by the default model name). */
const STAGES: Record<string, Stage[]> = {
  'efficientnetv2-b0': B_STAGES,
  'efficientnetv2-b1': B_STAGES,
  'efficientnetv2-b2': B_STAGES,
  'efficientnetv2-b3': B_STAGES,
  'efficientnetv2-s': [
    [3, 2, 24, 24, 1, 0, 1, 1],
    [3, 4, 24, 48, 4, 0, 2, 1],
    [3, 4, 48, 64, 4, 0, 2, 1],
    [3, 6, 64, 128, 4, 0.25, 2, 0],
    [3, 9, 128, 160, 6, 0.25, 1, 0],
    [3, 15, 160, 256, 6, 0.25, 2, 0],
  ],
  'efficientnetv2-m': [
    [3, 3, 24, 24, 1, 0, 1, 1],
    [3, 5, 24, 48, 4, 0, 2, 1],
    [3, 5, 48, 80, 4, 0, 2, 1],
    [3, 7, 80, 160, 4, 0.25, 2, 0],
    [3, 14, 160, 176, 6, 0.25, 1, 0],
    [3, 18, 176, 304, 6, 0.25, 2, 0],
    [3, 5, 304, 512, 6, 0.25, 1, 0],
  ],
  'efficientnetv2-l': [
    [3, 4, 32, 32, 1, 0, 1, 1],
    [3, 7, 32, 64, 4, 0, 2, 1],
    [3, 7, 64, 96, 4, 0, 2, 1],
    [3, 10, 96, 192, 4, 0.25, 2, 0],
    [3, 19, 192, 224, 6, 0.25, 1, 0],
    [3, 25, 224, 384, 6, 0.25, 2, 0],
    [3, 7, 384, 640, 6, 0.25, 1, 0],
  ],
};

/** width, depth and default image size of each variant (Keras's EfficientNetV2* functions). */
const VARIANTS: Record<string, [number, number, number]> = {
  'efficientnetv2-b0': [1.0, 1.0, 224],
  'efficientnetv2-b1': [1.0, 1.1, 240],
  'efficientnetv2-b2': [1.1, 1.2, 260],
  'efficientnetv2-b3': [1.2, 1.4, 300],
  'efficientnetv2-s': [1.0, 1.0, 384],
  'efficientnetv2-m': [1.0, 1.0, 480],
  'efficientnetv2-l': [1.0, 1.0, 480],
};

const BN_MOMENTUM = 0.9;
const ACTIVATION: ActivationIdentifier = 'swish';

/** Keras's efficientnet_v2 `round_filters` (unlike V1's, it never rounds up by a divisor). */
function roundFilters(filters: number, widthCoefficient: number, minDepth = 8, divisor = 8): number {
  const scaled = filters * widthCoefficient;
  return Math.max(minDepth, Math.floor(Math.trunc(scaled + divisor / 2) / divisor) * divisor);
}

/**
 * Keras's `EfficientNetV2`. Keras picks the stages by the model name (a custom `name` fails there); Strata
 * picks them by the variant, so `name` only names the model.
 */
function EfficientNetV2(variant: string, options: EfficientNetV2Options): Model {
  const [widthCoefficient, depthCoefficient, defaultSize] = VARIANTS[variant];
  const input = applicationInput(variant, options, variant, { defaultSize, minSize: 32 });
  const { options: opts, image: imageTensor, shape } = input;
  const stages = STAGES[variant];
  const filters = (n: number) => roundFilters(n, widthCoefficient);
  const dropoutRate = 0.2;
  const dropConnectRate = 0.2;

  let x = imageTensor;
  if (options.includePreprocessing ?? true) {
    if (variant.split('-')[1].startsWith('b') && shape[2] === 3) {
      x = new Rescaling(1.0 / 255).apply(x);
      x = new Normalization({
        mean: [0.485, 0.456, 0.406],
        variance: [0.229 ** 2, 0.224 ** 2, 0.225 ** 2],
        axis: 3,
      }).apply(x);
    } else {
      x = new Rescaling(1.0 / 128.0, { offset: -1 }).apply(x);
    }
  }

  x = new Conv2D(filters(stages[0][2]), 3, {
    strides: 2,
    kernelInitializer: convInitializer(),
    padding: 'same',
    useBias: false,
    name: 'stem_conv',
  }).apply(x);
  x = new BatchNormalization({ axis: 3, momentum: BN_MOMENTUM, name: 'stem_bn' }).apply(x);
  x = new Activation(ACTIVATION, { name: 'stem_activation' }).apply(x);

  // Keras divides by the unscaled number of blocks here (V1 uses the scaled one).
  const totalBlocks = stages.reduce((sum, stage) => sum + stage[1], 0);
  let blockIndex = 0;
  stages.forEach(([kernelSize, repeats, inF, outF, expandRatio, seRatio, strides, fused], i) => {
    const filtersIn = filters(inF);
    const filtersOut = filters(outF);
    const count = Math.ceil(depthCoefficient * repeats);
    for (let j = 0; j < count; j += 1) {
      const block = fused ? fusedMBConvBlock : mbConvBlock;
      x = block(x, {
        inputFilters: j > 0 ? filtersOut : filtersIn,
        outputFilters: filtersOut,
        expandRatio,
        kernelSize,
        strides: j > 0 ? 1 : strides,
        seRatio,
        dropRate: (dropConnectRate * blockIndex) / totalBlocks,
        prefix: `block${i + 1}${String.fromCharCode(97 + j)}_`,
      });
      blockIndex += 1;
    }
  });

  x = new Conv2D(filters(1280), 1, {
    strides: 1,
    kernelInitializer: convInitializer(),
    padding: 'same',
    useBias: false,
    name: 'top_conv',
  }).apply(x);
  x = new BatchNormalization({ axis: 3, momentum: BN_MOMENTUM, name: 'top_bn' }).apply(x);
  x = new Activation(ACTIVATION, { name: 'top_activation' }).apply(x);
  if (opts.includeTop) {
    x = new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x);
    x = new Dropout(dropoutRate, { name: 'top_dropout' }).apply(x);
    x = new Dense(opts.classes, {
      activation: opts.classifierActivation,
      kernelInitializer: denseInitializer(),
      biasInitializer: new Constant(0.0),
      name: 'predictions',
    }).apply(x);
  } else {
    x = poolingHead(x, opts.pooling, NAMED_HEAD);
  }
  return finishModel(input, x);
}

interface BlockCall {
  inputFilters: number;
  outputFilters: number;
  expandRatio: number;
  kernelSize: number;
  strides: number;
  seRatio: number;
  dropRate: number;
  prefix: string;
}

function batchNorm(x: SymbolicTensor, name: string): SymbolicTensor {
  return new BatchNormalization({ axis: 3, momentum: BN_MOMENTUM, name }).apply(x);
}

function conv(x: SymbolicTensor, filters: number, kernelSize: number, strides: number, name: string): SymbolicTensor {
  return new Conv2D(filters, kernelSize, {
    strides,
    kernelInitializer: convInitializer(),
    padding: 'same',
    useBias: false,
    name,
  }).apply(x);
}

function squeezeExcite(x: SymbolicTensor, b: BlockCall, filters: number): SymbolicTensor {
  const name = b.prefix;
  const squeezed = Math.max(1, Math.trunc(b.inputFilters * b.seRatio));
  let se = new GlobalAveragePooling2D({ name: `${name}se_squeeze` }).apply(x);
  se = new Reshape([1, 1, filters], { name: `${name}se_reshape` }).apply(se);
  se = new Conv2D(squeezed, 1, {
    padding: 'same',
    activation: ACTIVATION,
    kernelInitializer: convInitializer(),
    name: `${name}se_reduce`,
  }).apply(se);
  se = new Conv2D(filters, 1, {
    padding: 'same',
    activation: 'sigmoid',
    kernelInitializer: convInitializer(),
    name: `${name}se_expand`,
  }).apply(se);
  return new Multiply({ name: `${name}se_excite` }).apply([x, se]) as SymbolicTensor;
}

/** The residual: Keras uses the block's drop rate as a Dropout rate (skipped when zero) before the add. */
function residual(x: SymbolicTensor, inputs: SymbolicTensor, b: BlockCall): SymbolicTensor {
  if (b.strides !== 1 || b.inputFilters !== b.outputFilters) return x;
  let y = x;
  if (b.dropRate) y = new Dropout(b.dropRate, { noiseShape: [null, 1, 1, 1], name: `${b.prefix}drop` }).apply(y);
  return new Add({ name: `${b.prefix}add` }).apply([y, inputs]) as SymbolicTensor;
}

/** Keras's `MBConvBlock`: 1x1 expansion, depthwise convolution, squeeze-and-excitation, 1x1 projection. */
function mbConvBlock(inputs: SymbolicTensor, b: BlockCall): SymbolicTensor {
  const name = b.prefix;
  const filters = b.inputFilters * b.expandRatio;
  let x = inputs;
  if (b.expandRatio !== 1) {
    x = conv(x, filters, 1, 1, `${name}expand_conv`);
    x = batchNorm(x, `${name}expand_bn`);
    x = new Activation(ACTIVATION, { name: `${name}expand_activation` }).apply(x);
  }
  x = new DepthwiseConv2D(b.kernelSize, {
    strides: b.strides,
    depthwiseInitializer: convInitializer(),
    padding: 'same',
    useBias: false,
    name: `${name}dwconv2`,
  }).apply(x);
  x = batchNorm(x, `${name}bn`);
  x = new Activation(ACTIVATION, { name: `${name}activation` }).apply(x);
  if (b.seRatio > 0 && b.seRatio <= 1) x = squeezeExcite(x, b, filters);
  x = conv(x, b.outputFilters, 1, 1, `${name}project_conv`);
  x = batchNorm(x, `${name}project_bn`);
  return residual(x, inputs, b);
}

/** Keras's `FusedMBConvBlock`: the expansion and depthwise convolutions fused into one full convolution. */
function fusedMBConvBlock(inputs: SymbolicTensor, b: BlockCall): SymbolicTensor {
  const name = b.prefix;
  const filters = b.inputFilters * b.expandRatio;
  let x = inputs;
  if (b.expandRatio !== 1) {
    x = conv(x, filters, b.kernelSize, b.strides, `${name}expand_conv`);
    x = batchNorm(x, `${name}expand_bn`);
    x = new Activation(ACTIVATION, { name: `${name}expand_activation` }).apply(x);
  }
  if (b.seRatio > 0 && b.seRatio <= 1) x = squeezeExcite(x, b, filters);
  const expanded = b.expandRatio !== 1;
  x = conv(x, b.outputFilters, expanded ? 1 : b.kernelSize, expanded ? 1 : b.strides, `${name}project_conv`);
  x = batchNorm(x, `${name}project_bn`);
  if (!expanded) x = new Activation(ACTIVATION, { name: `${name}project_activation` }).apply(x);
  return residual(x, inputs, b);
}

export const EfficientNetV2B0 = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-b0', options);
export const EfficientNetV2B1 = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-b1', options);
export const EfficientNetV2B2 = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-b2', options);
export const EfficientNetV2B3 = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-b3', options);
export const EfficientNetV2S = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-s', options);
export const EfficientNetV2M = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-m', options);
export const EfficientNetV2L = (options: EfficientNetV2Options = {}): Model => EfficientNetV2('efficientnetv2-l', options);

/** EfficientNetV2's `preprocess_input` is the identity: with `includePreprocessing` the model rescales itself. */
export function preprocessInput<T>(x: T): T {
  return x;
}
