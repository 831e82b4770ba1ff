/**
 * MobileNet (Howard et al., "MobileNets: Efficient Convolutional Neural Networks for Mobile Vision
 * Applications", 2017), built as Keras's `keras.applications.MobileNet` builds it.
 */
import {
  Activation,
  BatchNormalization,
  Conv2D,
  DepthwiseConv2D,
  Dropout,
  GlobalAveragePooling2D,
  ReLU,
  Reshape,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, finishModel, poolingHead } from './common';

/** MobileNet's options: Keras's shared arguments plus the width and depth multipliers and the dropout. */
export interface MobileNetOptions extends ApplicationOptions {
  /** Width multiplier: scales the filters of every layer. Default 1. */
  alpha?: number;
  /** Depthwise channels per input channel. Default 1. */
  depthMultiplier?: number;
  /** Dropout rate before the classifier. Default 1e-3. */
  dropout?: number;
}

/** Pointwise filters and strides of the 13 depthwise-separable blocks. */
const BLOCKS: Array<[number, number]> = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

/** Keras's `_depthwise_conv_block`: (pad) depthwise 3x3, BN, ReLU6, pointwise 1x1, BN, ReLU6. */
function depthwiseBlock(x: SymbolicTensor, filters: number, depthMultiplier: number, stride: number, id: number) {
  let y = x;
  if (stride !== 1) y = applyLayer(new ZeroPadding2D([[0, 1], [0, 1]], { name: `conv_pad_${id}` }), y);
  y = applyLayer(
    new DepthwiseConv2D([3, 3], {
      padding: stride === 1 ? 'same' : 'valid',
      depthMultiplier,
      strides: [stride, stride],
      useBias: false,
      name: `conv_dw_${id}`,
    }),
    y,
  );
  y = applyLayer(new BatchNormalization({ axis: -1, name: `conv_dw_${id}_bn` }), y);
  y = applyLayer(new ReLU({ maxValue: 6, name: `conv_dw_${id}_relu` }), y);
  y = applyLayer(new Conv2D(filters, [1, 1], { padding: 'same', useBias: false, strides: [1, 1], name: `conv_pw_${id}` }), y);
  y = applyLayer(new BatchNormalization({ axis: -1, name: `conv_pw_${id}_bn` }), y);
  return applyLayer(new ReLU({ maxValue: 6, name: `conv_pw_${id}_relu` }), y);
}

/** Keras's `MobileNet`; the default name is `mobilenet_<alpha>_<rows>` as in Keras. */
export function MobileNet(options: MobileNetOptions = {}): Model {
  const alpha = options.alpha ?? 1;
  const depthMultiplier = options.depthMultiplier ?? 1;
  const dropout = options.dropout ?? 1e-3;
  const rows = options.inputShape?.length ? options.inputShape[0] : options.includeTop === false ? null : 224;
  const defaultName = `mobilenet_${alpha.toFixed(2)}_${rows ?? 'None'}`;
  const input = applicationInput('MobileNet', options, defaultName, { defaultSize: 224, minSize: 32 });
  let x = applyLayer(
    new Conv2D(Math.trunc(32 * alpha), [3, 3], { padding: 'same', useBias: false, strides: [2, 2], name: 'conv1' }),
    input.image,
  );
  x = applyLayer(new BatchNormalization({ axis: -1, name: 'conv1_bn' }), x);
  x = applyLayer(new ReLU({ maxValue: 6, name: 'conv1_relu' }), x);
  BLOCKS.forEach(([filters, stride], i) => {
    x = depthwiseBlock(x, Math.trunc(filters * alpha), depthMultiplier, stride, i + 1);
  });
  const { options: resolved } = input;
  if (resolved.includeTop) {
    x = applyLayer(new GlobalAveragePooling2D({ keepdims: true }), x);
    x = applyLayer(new Dropout(dropout, { name: 'dropout' }), x);
    x = applyLayer(new Conv2D(resolved.classes, [1, 1], { padding: 'same', name: 'conv_preds' }), x);
    x = applyLayer(new Reshape([resolved.classes], { name: 'reshape_2' }), x);
    x = applyLayer(new Activation(resolved.classifierActivation, { name: 'predictions' }), x);
  } else {
    x = poolingHead(x, resolved.pooling);
  }
  return finishModel(input, x);
}
