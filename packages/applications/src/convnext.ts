/**
 * ConvNeXt Tiny, Small, Base, Large and XLarge (Liu et al., 2022), as Keras's `keras.applications.convnext`
 * builds them: a Normalization pre-stem, Sequential stem and downsampling blocks, ConvNeXt blocks whose
 * residual sum is an op node (`ops.add` on symbolic tensors, as Keras's `inputs + x`), and a LayerScale.
 */
import {
  Activation,
  Conv2D,
  Dense,
  GlobalAveragePooling2D,
  GlobalMaxPooling2D,
  LayerNormalization,
  LayerScale,
  Normalization,
  StochasticDepth,
  type SymbolicTensor,
} from '@strata/layers';
import { type Model, Sequential } from '@strata/models';
import * as ops from '@strata/ops';
import { type ApplicationOptions, applicationInput, finishModel } from './common';

export interface ConvNeXtOptions extends ApplicationOptions {
  /** Whether the model normalizes pixels in [0, 255] itself (Keras's PreStem; default true). */
  includePreprocessing?: boolean;
}

/** The arguments of Keras's generic `ConvNeXt` builder. */
export interface ConvNeXtArgs {
  depths: number[];
  projectionDims: number[];
  dropPathRate?: number;
  layerScaleInitValue?: number | null;
  defaultSize?: number;
  name: string;
}

/** Keras's `ConvNeXtBlock`: depthwise 7x7, LayerNorm, MLP (4x, gelu), layer scale, then the residual op. */
function convNeXtBlock(
  inputs: SymbolicTensor,
  projectionDim: number,
  dropPathRate: number,
  layerScaleInitValue: number | null,
  name: string,
): SymbolicTensor {
  let x = new Conv2D(projectionDim, 7, { padding: 'same', groups: projectionDim, name: `${name}_depthwise_conv` }).apply(
    inputs,
  );
  x = new LayerNormalization({ epsilon: 1e-6, name: `${name}_layernorm` }).apply(x);
  x = new Dense(4 * projectionDim, { name: `${name}_pointwise_conv_1` }).apply(x);
  x = new Activation('gelu', { name: `${name}_gelu` }).apply(x);
  x = new Dense(projectionDim, { name: `${name}_pointwise_conv_2` }).apply(x);
  if (layerScaleInitValue !== null) {
    x = new LayerScale({ initValues: layerScaleInitValue, projectionDim, name: `${name}_layer_scale` }).apply(x);
  }
  const last = dropPathRate
    ? new StochasticDepth(dropPathRate, { name: `${name}_stochastic_depth` })
    : new Activation('linear', { name: `${name}_identity` });
  return ops.add(inputs, last.apply(x)) as unknown as SymbolicTensor;
}

/** `count` evenly spaced values from `start` to `stop` inclusive (numpy's linspace). */
function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((stop - start) * i) / (count - 1));
}

/** Keras's generic `ConvNeXt`. */
export function ConvNeXt(args: ConvNeXtArgs, options: ConvNeXtOptions = {}): Model {
  const input = applicationInput(args.name, options, args.name, { defaultSize: args.defaultSize ?? 224, minSize: 32 });
  const { options: opts, image: imageTensor, shape } = input;
  const name = opts.name;
  const dims = args.projectionDims;
  let x = imageTensor;
  if ((options.includePreprocessing ?? true) && shape[2] === 3) {
    x = new Normalization({
      mean: [0.485 * 255, 0.456 * 255, 0.406 * 255],
      variance: [(0.229 * 255) ** 2, (0.224 * 255) ** 2, (0.225 * 255) ** 2],
      name: `${name}_prestem_normalization`,
    }).apply(x);
  }

  // Keras builds all four downsampling Sequentials before the first block.
  const downsampling = [
    new Sequential(
      [
        new Conv2D(dims[0], 4, { strides: 4, name: `${name}_stem_conv` }),
        new LayerNormalization({ epsilon: 1e-6, name: `${name}_stem_layernorm` }),
      ],
      { name: `${name}_stem` },
    ),
  ];
  for (let i = 0; i < 3; i += 1) {
    downsampling.push(
      new Sequential(
        [
          new LayerNormalization({ epsilon: 1e-6, name: `${name}_downsampling_layernorm_${i}` }),
          new Conv2D(dims[i + 1], 2, { strides: 2, name: `${name}_downsampling_conv_${i}` }),
        ],
        { name: `${name}_downsampling_block_${i}` },
      ),
    );
  }

  const total = args.depths.reduce((a, b) => a + b, 0);
  const dropRates = linspace(0, args.dropPathRate ?? 0, total);
  const layerScale = args.layerScaleInitValue === undefined ? 1e-6 : args.layerScaleInitValue;
  let current = 0;
  for (let i = 0; i < 4; i += 1) {
    x = downsampling[i].apply(x) as SymbolicTensor;
    for (let j = 0; j < args.depths[i]; j += 1) {
      x = convNeXtBlock(x, dims[i], dropRates[current + j], layerScale, `${name}_stage_${i}_block_${j}`);
    }
    current += args.depths[i];
  }

  if (opts.includeTop) {
    x = new GlobalAveragePooling2D({ name: `${name}_head_gap` }).apply(x);
    x = new LayerNormalization({ epsilon: 1e-6, name: `${name}_head_layernorm` }).apply(x);
    x = new Dense(opts.classes, { activation: opts.classifierActivation, name: `${name}_head_dense` }).apply(x);
  } else {
    if (opts.pooling === 'avg') x = new GlobalAveragePooling2D().apply(x);
    else if (opts.pooling === 'max') x = new GlobalMaxPooling2D().apply(x);
    x = new LayerNormalization({ epsilon: 1e-6 }).apply(x);
  }
  return finishModel(input, x);
}

const CONFIGS: Record<string, [number[], number[]]> = {
  convnext_tiny: [
    [3, 3, 9, 3],
    [96, 192, 384, 768],
  ],
  convnext_small: [
    [3, 3, 27, 3],
    [96, 192, 384, 768],
  ],
  convnext_base: [
    [3, 3, 27, 3],
    [128, 256, 512, 1024],
  ],
  convnext_large: [
    [3, 3, 27, 3],
    [192, 384, 768, 1536],
  ],
  convnext_xlarge: [
    [3, 3, 27, 3],
    [256, 512, 1024, 2048],
  ],
};

function variant(name: string, options: ConvNeXtOptions): Model {
  const [depths, projectionDims] = CONFIGS[name];
  return ConvNeXt({ depths, projectionDims, dropPathRate: 0, layerScaleInitValue: 1e-6, defaultSize: 224, name }, options);
}

export const ConvNeXtTiny = (options: ConvNeXtOptions = {}): Model => variant('convnext_tiny', options);
export const ConvNeXtSmall = (options: ConvNeXtOptions = {}): Model => variant('convnext_small', options);
export const ConvNeXtBase = (options: ConvNeXtOptions = {}): Model => variant('convnext_base', options);
export const ConvNeXtLarge = (options: ConvNeXtOptions = {}): Model => variant('convnext_large', options);
export const ConvNeXtXLarge = (options: ConvNeXtOptions = {}): Model => variant('convnext_xlarge', options);

/** ConvNeXt's `preprocess_input` is the identity: the model normalizes inside (its pre-stem). */
export function preprocessInput<T>(x: T): T {
  return x;
}
