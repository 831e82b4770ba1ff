/**
 * EfficientNet B0 to B7 (Tan & Le, 2019), as Keras's `keras.applications.efficientnet` builds them: the same
 * layers, names and order, so Keras's weight files load into them.
 */
import {
  Activation,
  type ActivationIdentifier,
  BatchNormalization,
  Conv2D,
  Dense,
  DepthwiseConv2D,
  Dropout,
  GlobalAveragePooling2D,
  Multiply,
  Add,
  Normalization,
  Rescaling,
  Reshape,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import {
  type ApplicationOptions,
  applicationInput,
  correctPad,
  finishModel,
  NAMED_HEAD,
  poolingHead,
} from './common';

interface BlockArgs {
  kernelSize: number;
  repeats: number;
  filtersIn: number;
  filtersOut: number;
  expandRatio: number;
  idSkip: boolean;
  strides: number;
  seRatio: number;
}

/** Keras's DEFAULT_BLOCKS_ARGS: the seven stages of EfficientNet-B0. */
const DEFAULT_BLOCKS: readonly BlockArgs[] = [
  [3, 1, 32, 16, 1, 1],
  [3, 2, 16, 24, 6, 2],
  [5, 2, 24, 40, 6, 2],
  [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1],
  [5, 4, 112, 192, 6, 2],
  [3, 1, 192, 320, 6, 1],
].map(([kernelSize, repeats, filtersIn, filtersOut, expandRatio, strides]) => ({
  kernelSize,
  repeats,
  filtersIn,
  filtersOut,
  expandRatio,
  idSkip: true,
  strides,
  seRatio: 0.25,
}));

/** Keras's CONV_KERNEL_INITIALIZER (a fresh object each time, so each weight has its own initializer). */
export const convInitializer = () => ({
  module: 'keras.initializers',
  class_name: 'VarianceScaling',
  config: { scale: 2.0, mode: 'fan_out', distribution: 'truncated_normal' },
  registered_name: null,
});

/** Keras's DENSE_KERNEL_INITIALIZER, shared by EfficientNet and EfficientNetV2. */
export const denseInitializer = () => ({
  module: 'keras.initializers',
  class_name: 'VarianceScaling',
  config: { scale: 1.0 / 3.0, mode: 'fan_out', distribution: 'uniform' },
  registered_name: null,
});

/** The arguments of the generic `EfficientNet` builder. */
export interface EfficientNetArgs {
  widthCoefficient: number;
  depthCoefficient: number;
  defaultSize: number;
  dropoutRate?: number;
  dropConnectRate?: number;
  depthDivisor?: number;
  activation?: ActivationIdentifier;
  name: string;
}

/** Keras's `round_filters`: width scaled and rounded to the divisor, never more than 10% down. */
function roundFilters(filters: number, widthCoefficient: number, divisor: number): number {
  const scaled = filters * widthCoefficient;
  let rounded = Math.max(divisor, Math.floor(Math.trunc(scaled + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * scaled) rounded += divisor;
  return rounded;
}

/** Keras's `EfficientNet`: the stem, the scaled inverted residual blocks and the top. */
export function EfficientNet(args: EfficientNetArgs, options: ApplicationOptions = {}): Model {
  const input = applicationInput(args.name, options, args.name, { defaultSize: args.defaultSize, minSize: 32 });
  const { options: opts, image: imageTensor } = input;
  const dropoutRate = args.dropoutRate ?? 0.2;
  const dropConnectRate = args.dropConnectRate ?? 0.2;
  const divisor = args.depthDivisor ?? 8;
  const activation = args.activation ?? 'swish';
  const filters = (n: number) => roundFilters(n, args.widthCoefficient, divisor);
  const repeats = (n: number) => Math.ceil(args.depthCoefficient * n);


  let x = new Rescaling(1.0 / 255.0).apply(imageTensor);
  x = new Normalization({ axis: 3 }).apply(x);
  x = new ZeroPadding2D(correctPad(x.shape, 3), { name: 'stem_conv_pad' }).apply(x);
  x = new Conv2D(filters(32), 3, {
    strides: 2,
    padding: 'valid',
    useBias: false,
    kernelInitializer: convInitializer(),
    name: 'stem_conv',
  }).apply(x);
  x = new BatchNormalization({ axis: 3, name: 'stem_bn' }).apply(x);
  x = new Activation(activation, { name: 'stem_activation' }).apply(x);

  const totalBlocks = DEFAULT_BLOCKS.reduce((sum, stage) => sum + repeats(stage.repeats), 0);
  let blockIndex = 0;
  DEFAULT_BLOCKS.forEach((stage, i) => {
    const filtersIn = filters(stage.filtersIn);
    const filtersOut = filters(stage.filtersOut);
    for (let j = 0; j < repeats(stage.repeats); j += 1) {
      x = invertedResidualBlock(x, {
        ...stage,
        filtersIn: j > 0 ? filtersOut : filtersIn,
        filtersOut,
        strides: j > 0 ? 1 : stage.strides,
        activation,
        dropRate: (dropConnectRate * blockIndex) / totalBlocks,
        prefix: `block${i + 1}${String.fromCharCode(97 + j)}_`,
      });
      blockIndex += 1;
    }
  });

  x = new Conv2D(filters(1280), 1, {
    padding: 'same',
    useBias: false,
    kernelInitializer: convInitializer(),
    name: 'top_conv',
  }).apply(x);
  x = new BatchNormalization({ axis: 3, name: 'top_bn' }).apply(x);
  x = new Activation(activation, { name: 'top_activation' }).apply(x);
  if (opts.includeTop) {
    x = new GlobalAveragePooling2D({ name: 'avg_pool' }).apply(x);
    if (dropoutRate > 0) x = new Dropout(dropoutRate, { name: 'top_dropout' }).apply(x);
    x = new Dense(opts.classes, {
      activation: opts.classifierActivation,
      kernelInitializer: denseInitializer(),
      name: 'predictions',
    }).apply(x);
  } else {
    x = poolingHead(x, opts.pooling, NAMED_HEAD);
  }
  return finishModel(input, x);
}

interface BlockCall extends BlockArgs {
  activation: ActivationIdentifier;
  dropRate: number;
  prefix: string;
}

/** Keras's `block`: expansion, depthwise convolution, squeeze-and-excitation, projection and the skip. */
function invertedResidualBlock(inputs: SymbolicTensor, b: BlockCall): SymbolicTensor {
  const name = b.prefix;
  const expanded = b.filtersIn * b.expandRatio;
  let x = inputs;
  if (b.expandRatio !== 1) {
    x = new Conv2D(expanded, 1, {
      padding: 'same',
      useBias: false,
      kernelInitializer: convInitializer(),
      name: `${name}expand_conv`,
    }).apply(x);
    x = new BatchNormalization({ axis: 3, name: `${name}expand_bn` }).apply(x);
    x = new Activation(b.activation, { name: `${name}expand_activation` }).apply(x);
  }
  if (b.strides === 2) {
    x = new ZeroPadding2D(correctPad(x.shape, b.kernelSize), { name: `${name}dwconv_pad` }).apply(x);
  }
  x = new DepthwiseConv2D(b.kernelSize, {
    strides: b.strides,
    padding: b.strides === 2 ? 'valid' : 'same',
    useBias: false,
    depthwiseInitializer: convInitializer(),
    name: `${name}dwconv`,
  }).apply(x);
  x = new BatchNormalization({ axis: 3, name: `${name}bn` }).apply(x);
  x = new Activation(b.activation, { name: `${name}activation` }).apply(x);

  if (b.seRatio > 0 && b.seRatio <= 1) {
    const squeezed = Math.max(1, Math.trunc(b.filtersIn * b.seRatio));
    let se = new GlobalAveragePooling2D({ name: `${name}se_squeeze` }).apply(x);
    se = new Reshape([1, 1, expanded], { name: `${name}se_reshape` }).apply(se);
    se = new Conv2D(squeezed, 1, {
      padding: 'same',
      activation: b.activation,
      kernelInitializer: convInitializer(),
      name: `${name}se_reduce`,
    }).apply(se);
    se = new Conv2D(expanded, 1, {
      padding: 'same',
      activation: 'sigmoid',
      kernelInitializer: convInitializer(),
      name: `${name}se_expand`,
    }).apply(se);
    x = new Multiply({ name: `${name}se_excite` }).apply([x, se]) as SymbolicTensor;
  }

  x = new Conv2D(b.filtersOut, 1, {
    padding: 'same',
    useBias: false,
    kernelInitializer: convInitializer(),
    name: `${name}project_conv`,
  }).apply(x);
  x = new BatchNormalization({ axis: 3, name: `${name}project_bn` }).apply(x);
  if (b.idSkip && b.strides === 1 && b.filtersIn === b.filtersOut) {
    if (b.dropRate > 0) {
      x = new Dropout(b.dropRate, { noiseShape: [null, 1, 1, 1], name: `${name}drop` }).apply(x);
    }
    x = new Add({ name: `${name}add` }).apply([x, inputs]) as SymbolicTensor;
  }
  return x;
}

/** width, depth, default size and dropout of B0..B7 (Keras's EfficientNetB* functions). */
const VARIANTS: Record<string, [number, number, number, number]> = {
  efficientnetb0: [1.0, 1.0, 224, 0.2],
  efficientnetb1: [1.0, 1.1, 240, 0.2],
  efficientnetb2: [1.1, 1.2, 260, 0.3],
  efficientnetb3: [1.2, 1.4, 300, 0.3],
  efficientnetb4: [1.4, 1.8, 380, 0.4],
  efficientnetb5: [1.6, 2.2, 456, 0.4],
  efficientnetb6: [1.8, 2.6, 528, 0.5],
  efficientnetb7: [2.0, 3.1, 600, 0.5],
};

function variant(name: string, options: ApplicationOptions): Model {
  const [widthCoefficient, depthCoefficient, defaultSize, dropoutRate] = VARIANTS[name];
  return EfficientNet({ widthCoefficient, depthCoefficient, defaultSize, dropoutRate, name }, options);
}

export const EfficientNetB0 = (options: ApplicationOptions = {}): Model => variant('efficientnetb0', options);
export const EfficientNetB1 = (options: ApplicationOptions = {}): Model => variant('efficientnetb1', options);
export const EfficientNetB2 = (options: ApplicationOptions = {}): Model => variant('efficientnetb2', options);
export const EfficientNetB3 = (options: ApplicationOptions = {}): Model => variant('efficientnetb3', options);
export const EfficientNetB4 = (options: ApplicationOptions = {}): Model => variant('efficientnetb4', options);
export const EfficientNetB5 = (options: ApplicationOptions = {}): Model => variant('efficientnetb5', options);
export const EfficientNetB6 = (options: ApplicationOptions = {}): Model => variant('efficientnetb6', options);
export const EfficientNetB7 = (options: ApplicationOptions = {}): Model => variant('efficientnetb7', options);

/**
 * EfficientNet's `preprocess_input` is the identity: the models rescale and normalize inside (Keras's
 * Rescaling and Normalization stem layers), so they take pixels in [0, 255].
 */
export function preprocessInput<T>(x: T): T {
  return x;
}
