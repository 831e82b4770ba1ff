/**
 * ResNet50V2, ResNet101V2 and ResNet152V2 (He et al., "Identity Mappings in Deep Residual Networks",
 * ECCV 2016): pre-activation residual blocks, built as Keras's `keras.applications.ResNet*V2` build them.
 */
import { Activation, Add, BatchNormalization, Conv2D, MaxPooling2D, type SymbolicTensor, ZeroPadding2D } from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applyLayer } from './common';
import { RESNET_BLOCKS, RESNET_EPSILON, resnetModel } from './resnet';

/** Keras's `residual_block_v2`: BatchNorm+ReLU first, then 1x1, 3x3 (strided), 1x1 convolutions. */
function residualBlockV2(x: SymbolicTensor, filters: number, stride: number, convShortcut: boolean, name: string) {
  const bn = (suffix: string) => new BatchNormalization({ axis: 3, epsilon: RESNET_EPSILON, name: `${name}_${suffix}` });
  let preact = applyLayer(bn('preact_bn'), x);
  preact = applyLayer(new Activation('relu', { name: `${name}_preact_relu` }), preact);
  let shortcut = x;
  if (convShortcut) {
    shortcut = applyLayer(new Conv2D(4 * filters, 1, { strides: stride, name: `${name}_0_conv` }), preact);
  } else if (stride > 1) {
    shortcut = applyLayer(new MaxPooling2D(1, { strides: stride }), x);
  }
  let y = applyLayer(new Conv2D(filters, 1, { strides: 1, useBias: false, name: `${name}_1_conv` }), preact);
  y = applyLayer(bn('1_bn'), y);
  y = applyLayer(new Activation('relu', { name: `${name}_1_relu` }), y);
  y = applyLayer(new ZeroPadding2D([[1, 1], [1, 1]], { name: `${name}_2_pad` }), y);
  y = applyLayer(new Conv2D(filters, 3, { strides: stride, useBias: false, name: `${name}_2_conv` }), y);
  y = applyLayer(bn('2_bn'), y);
  y = applyLayer(new Activation('relu', { name: `${name}_2_relu` }), y);
  y = applyLayer(new Conv2D(4 * filters, 1, { name: `${name}_3_conv` }), y);
  return applyLayer(new Add({ name: `${name}_out` }), [shortcut, y]);
}

/** Keras's `stack_residual_blocks_v2`: the stride is in the last block of the stack. */
function stackV2(x: SymbolicTensor, filters: number, blocks: number, stride1: number, name: string): SymbolicTensor {
  let y = residualBlockV2(x, filters, 1, true, `${name}_block1`);
  for (let i = 2; i < blocks; i++) y = residualBlockV2(y, filters, 1, false, `${name}_block${i}`);
  return residualBlockV2(y, filters, stride1, false, `${name}_block${blocks}`);
}

function resnetV2(depth: 50 | 101 | 152, options: ApplicationOptions): Model {
  const [b2, b3, b4, b5] = RESNET_BLOCKS[depth];
  const stacks = (x: SymbolicTensor) => {
    let y = stackV2(x, 64, b2, 2, 'conv2');
    y = stackV2(y, 128, b3, 2, 'conv3');
    y = stackV2(y, 256, b4, 2, 'conv4');
    return stackV2(y, 512, b5, 1, 'conv5');
  };
  return resnetModel(`ResNet${depth}V2`, `resnet${depth}v2`, true, stacks, options);
}

/** Keras's `ResNet50V2`. */
export function ResNet50V2(options: ApplicationOptions = {}): Model {
  return resnetV2(50, options);
}

/** Keras's `ResNet101V2`. */
export function ResNet101V2(options: ApplicationOptions = {}): Model {
  return resnetV2(101, options);
}

/** Keras's `ResNet152V2`. */
export function ResNet152V2(options: ApplicationOptions = {}): Model {
  return resnetV2(152, options);
}
