/**
 * MobileNetV2 (Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks", CVPR 2018),
 * built as Keras's `keras.applications.MobileNetV2` builds it.
 */
import {
  Add,
  BatchNormalization,
  Conv2D,
  DepthwiseConv2D,
  ReLU,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, classifierHead, correctPad, finishModel } from './common';

/** MobileNetV2's options: Keras's shared arguments plus the width multiplier. */
export interface MobileNetV2Options extends ApplicationOptions {
  /** Width multiplier: scales the filters of every layer. Default 1. */
  alpha?: number;
}

/** Keras's `_make_divisible`: rounds `v` to a multiple of `divisor`, never below 90% of `v`. */
export function makeDivisible(v: number, divisor: number, minValue = divisor): number {
  let result = Math.max(minValue, Math.floor(Math.trunc(v + divisor / 2) / divisor) * divisor);
  if (result < 0.9 * v) result += divisor;
  return result;
}

/** [filters, stride, expansion] of the 17 inverted residual blocks. */
const BLOCKS: Array<[number, number, number]> = [
  [16, 1, 1],
  [24, 2, 6],
  [24, 1, 6],
  [32, 2, 6],
  [32, 1, 6],
  [32, 1, 6],
  [64, 2, 6],
  [64, 1, 6],
  [64, 1, 6],
  [64, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [96, 1, 6],
  [160, 2, 6],
  [160, 1, 6],
  [160, 1, 6],
  [320, 1, 6],
];

function batchNorm(name: string): BatchNormalization {
  return new BatchNormalization({ axis: -1, epsilon: 1e-3, momentum: 0.999, name });
}

/** Keras's `_inverted_res_block`: expand 1x1, depthwise 3x3, project 1x1, added to the input when shapes agree. */
function invertedResBlock(x: SymbolicTensor, expansion: number, stride: number, alpha: number, filters: number, id: number) {
  const inChannels = x.shape[3] as number;
  const pointwiseFilters = makeDivisible(Math.trunc(filters * alpha), 8);
  let prefix = `block_${id}_`;
  let y = x;
  if (id) {
    y = applyLayer(new Conv2D(expansion * inChannels, 1, { padding: 'same', useBias: false, name: `${prefix}expand` }), y);
    y = applyLayer(batchNorm(`${prefix}expand_BN`), y);
    y = applyLayer(new ReLU({ maxValue: 6, name: `${prefix}expand_relu` }), y);
  } else {
    prefix = 'expanded_conv_';
  }
  if (stride === 2) y = applyLayer(new ZeroPadding2D(correctPad(y.shape, 3), { name: `${prefix}pad` }), y);
  y = applyLayer(
    new DepthwiseConv2D(3, {
      strides: stride,
      useBias: false,
      padding: stride === 1 ? 'same' : 'valid',
      name: `${prefix}depthwise`,
    }),
    y,
  );
  y = applyLayer(batchNorm(`${prefix}depthwise_BN`), y);
  y = applyLayer(new ReLU({ maxValue: 6, name: `${prefix}depthwise_relu` }), y);
  y = applyLayer(new Conv2D(pointwiseFilters, 1, { padding: 'same', useBias: false, name: `${prefix}project` }), y);
  y = applyLayer(batchNorm(`${prefix}project_BN`), y);
  if (inChannels === pointwiseFilters && stride === 1) return applyLayer(new Add({ name: `${prefix}add` }), [x, y]);
  return y;
}

/** Keras's default size: a square input of a size Keras has weights for, else 224. */
function defaultSize(options: MobileNetV2Options): number {
  const shape = options.inputShape?.length ? options.inputShape : options.inputTensor?.shape.slice(1);
  if (!shape) return 224;
  const [rows, cols] = shape;
  return rows === cols && rows !== null && [96, 128, 160, 192, 224].includes(rows) ? rows : 224;
}

/** Keras's `MobileNetV2`; the default name is `mobilenetv2_<alpha>_<rows>` as in Keras. */
export function MobileNetV2(options: MobileNetV2Options = {}): Model {
  const alpha = options.alpha ?? 1;
  const size = defaultSize(options);
  const rows = options.inputShape?.length ? options.inputShape[0] : options.includeTop === false ? null : size;
  const defaultName = `mobilenetv2_${alpha.toFixed(2)}_${rows ?? 'None'}`;
  const input = applicationInput('MobileNetV2', options, defaultName, { defaultSize: size, minSize: 32 });
  let x = applyLayer(
    new Conv2D(makeDivisible(32 * alpha, 8), 3, { strides: [2, 2], padding: 'same', useBias: false, name: 'Conv1' }),
    input.image,
  );
  x = applyLayer(batchNorm('bn_Conv1'), x);
  x = applyLayer(new ReLU({ maxValue: 6, name: 'Conv1_relu' }), x);
  BLOCKS.forEach(([filters, stride, expansion], id) => {
    x = invertedResBlock(x, expansion, stride, alpha, filters, id);
  });
  const lastFilters = alpha > 1 ? makeDivisible(1280 * alpha, 8) : 1280;
  x = applyLayer(new Conv2D(lastFilters, 1, { useBias: false, name: 'Conv_1' }), x);
  x = applyLayer(batchNorm('Conv_1_bn'), x);
  x = applyLayer(new ReLU({ maxValue: 6, name: 'out_relu' }), x);
  return finishModel(input, classifierHead(x, input.options, {}));
}
