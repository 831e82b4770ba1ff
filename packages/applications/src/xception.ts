/**
 * Xception (Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", CVPR 2017), built as
 * Keras's `keras.applications.Xception` builds it (the residual branches keep Keras's automatic names).
 */
import {
  Activation,
  Add,
  BatchNormalization,
  Conv2D,
  MaxPooling2D,
  SeparableConv2D,
  type SymbolicTensor,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, classifierHead, finishModel } from './common';

const bn = (name?: string) => new BatchNormalization({ axis: -1, name });
const relu = (name: string) => new Activation('relu', { name });
const sepConv = (filters: number, name: string) =>
  new SeparableConv2D(filters, [3, 3], { padding: 'same', useBias: false, name });

/**
 * A downsampling block: a strided 1x1 convolution on the residual branch; (ReLU,) separable conv, BN,
 * ReLU, separable conv, BN, 3x3 max pooling; then the sum.
 */
function downsamplingBlock(x: SymbolicTensor, filters: [number, number], block: number, firstRelu: boolean) {
  let residual = applyLayer(new Conv2D(filters[1], [1, 1], { strides: [2, 2], padding: 'same', useBias: false }), x);
  residual = applyLayer(bn(), residual);
  let y = firstRelu ? applyLayer(relu(`block${block}_sepconv1_act`), x) : x;
  y = applyLayer(sepConv(filters[0], `block${block}_sepconv1`), y);
  y = applyLayer(bn(`block${block}_sepconv1_bn`), y);
  y = applyLayer(relu(`block${block}_sepconv2_act`), y);
  y = applyLayer(sepConv(filters[1], `block${block}_sepconv2`), y);
  y = applyLayer(bn(`block${block}_sepconv2_bn`), y);
  y = applyLayer(new MaxPooling2D([3, 3], { strides: [2, 2], padding: 'same', name: `block${block}_pool` }), y);
  return applyLayer(new Add(), [y, residual]);
}

/** A middle-flow block: three ReLU, separable conv (728), BN; added to its input. */
function middleBlock(x: SymbolicTensor, block: number): SymbolicTensor {
  let y = x;
  for (let i = 1; i <= 3; i++) {
    y = applyLayer(relu(`block${block}_sepconv${i}_act`), y);
    y = applyLayer(sepConv(728, `block${block}_sepconv${i}`), y);
    y = applyLayer(bn(`block${block}_sepconv${i}_bn`), y);
  }
  return applyLayer(new Add(), [y, x]);
}

/** Keras's `Xception`: default input 299x299, at least 71x71. */
export function Xception(options: ApplicationOptions = {}): Model {
  const input = applicationInput('Xception', options, 'xception', { defaultSize: 299, minSize: 71 });
  let x = applyLayer(new Conv2D(32, [3, 3], { strides: [2, 2], useBias: false, name: 'block1_conv1' }), input.image);
  x = applyLayer(bn('block1_conv1_bn'), x);
  x = applyLayer(relu('block1_conv1_act'), x);
  x = applyLayer(new Conv2D(64, [3, 3], { useBias: false, name: 'block1_conv2' }), x);
  x = applyLayer(bn('block1_conv2_bn'), x);
  x = applyLayer(relu('block1_conv2_act'), x);
  x = downsamplingBlock(x, [128, 128], 2, false);
  x = downsamplingBlock(x, [256, 256], 3, true);
  x = downsamplingBlock(x, [728, 728], 4, true);
  for (let block = 5; block <= 12; block++) x = middleBlock(x, block);
  x = downsamplingBlock(x, [728, 1024], 13, true);
  x = applyLayer(sepConv(1536, 'block14_sepconv1'), x);
  x = applyLayer(bn('block14_sepconv1_bn'), x);
  x = applyLayer(relu('block14_sepconv1_act'), x);
  x = applyLayer(sepConv(2048, 'block14_sepconv2'), x);
  x = applyLayer(bn('block14_sepconv2_bn'), x);
  x = applyLayer(relu('block14_sepconv2_act'), x);
  return finishModel(input, classifierHead(x, input.options));
}
