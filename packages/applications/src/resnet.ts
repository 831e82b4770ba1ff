/**
 * ResNet50, ResNet101 and ResNet152 (He et al., "Deep Residual Learning for Image Recognition", CVPR 2015),
 * built as Keras's `keras.applications.ResNet*` build them. `resnetModel` is shared with ResNet V2.
 */
import {
  Activation,
  Add,
  BatchNormalization,
  Conv2D,
  MaxPooling2D,
  type SymbolicTensor,
  ZeroPadding2D,
} from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, applyLayer, classifierHead, finishModel, NAMED_HEAD } from './common';

/** Keras's BatchNormalization epsilon in every ResNet. */
export const RESNET_EPSILON = 1.001e-5;

/** Keras's `ResNet`: the stem, the stacks (`stacks`), then for V2 a final BatchNorm+ReLU, then the head. */
export function resnetModel(
  architecture: string,
  defaultName: string,
  preact: boolean,
  stacks: (x: SymbolicTensor) => SymbolicTensor,
  options: ApplicationOptions,
): Model {
  const input = applicationInput(architecture, options, defaultName, { defaultSize: 224, minSize: 32 });
  let x = applyLayer(new ZeroPadding2D([[3, 3], [3, 3]], { name: 'conv1_pad' }), input.image);
  x = applyLayer(new Conv2D(64, 7, { strides: 2, useBias: true, name: 'conv1_conv' }), x);
  if (!preact) {
    x = applyLayer(new BatchNormalization({ axis: 3, epsilon: RESNET_EPSILON, name: 'conv1_bn' }), x);
    x = applyLayer(new Activation('relu', { name: 'conv1_relu' }), x);
  }
  x = applyLayer(new ZeroPadding2D([[1, 1], [1, 1]], { name: 'pool1_pad' }), x);
  x = applyLayer(new MaxPooling2D(3, { strides: 2, name: 'pool1_pool' }), x);
  x = stacks(x);
  if (preact) {
    x = applyLayer(new BatchNormalization({ axis: 3, epsilon: RESNET_EPSILON, name: 'post_bn' }), x);
    x = applyLayer(new Activation('relu', { name: 'post_relu' }), x);
  }
  return finishModel(input, classifierHead(x, input.options, NAMED_HEAD));
}

/** Keras's `residual_block_v1`: 1x1, 3x3, 1x1 (4x filters) convolutions with BatchNorm, added to the shortcut. */
function residualBlockV1(x: SymbolicTensor, filters: number, stride: number, convShortcut: boolean, name: string) {
  const bn = (suffix: string) => new BatchNormalization({ axis: 3, epsilon: RESNET_EPSILON, name: `${name}_${suffix}` });
  let shortcut = x;
  if (convShortcut) {
    shortcut = applyLayer(new Conv2D(4 * filters, 1, { strides: stride, name: `${name}_0_conv` }), x);
    shortcut = applyLayer(bn('0_bn'), shortcut);
  }
  let y = applyLayer(new Conv2D(filters, 1, { strides: stride, name: `${name}_1_conv` }), x);
  y = applyLayer(bn('1_bn'), y);
  y = applyLayer(new Activation('relu', { name: `${name}_1_relu` }), y);
  y = applyLayer(new Conv2D(filters, 3, { padding: 'same', name: `${name}_2_conv` }), y);
  y = applyLayer(bn('2_bn'), y);
  y = applyLayer(new Activation('relu', { name: `${name}_2_relu` }), y);
  y = applyLayer(new Conv2D(4 * filters, 1, { name: `${name}_3_conv` }), y);
  y = applyLayer(bn('3_bn'), y);
  y = applyLayer(new Add({ name: `${name}_add` }), [shortcut, y]);
  return applyLayer(new Activation('relu', { name: `${name}_out` }), y);
}

/** Keras's `stack_residual_blocks_v1`: a block with a convolution shortcut, then `blocks - 1` identity ones. */
function stackV1(x: SymbolicTensor, filters: number, blocks: number, stride1: number, name: string): SymbolicTensor {
  let y = residualBlockV1(x, filters, stride1, true, `${name}_block1`);
  for (let i = 2; i <= blocks; i++) y = residualBlockV1(y, filters, 1, false, `${name}_block${i}`);
  return y;
}

/** Blocks per stack (conv2..conv5) of each ResNet depth. */
export const RESNET_BLOCKS = { 50: [3, 4, 6, 3], 101: [3, 4, 23, 3], 152: [3, 8, 36, 3] } as const;

function resnetV1(depth: 50 | 101 | 152, options: ApplicationOptions): Model {
  const [b2, b3, b4, b5] = RESNET_BLOCKS[depth];
  const stacks = (x: SymbolicTensor) => {
    let y = stackV1(x, 64, b2, 1, 'conv2');
    y = stackV1(y, 128, b3, 2, 'conv3');
    y = stackV1(y, 256, b4, 2, 'conv4');
    return stackV1(y, 512, b5, 2, 'conv5');
  };
  return resnetModel(`ResNet${depth}`, `resnet${depth}`, false, stacks, options);
}

/** Keras's `ResNet50`. */
export function ResNet50(options: ApplicationOptions = {}): Model {
  return resnetV1(50, options);
}

/** Keras's `ResNet101`. */
export function ResNet101(options: ApplicationOptions = {}): Model {
  return resnetV1(101, options);
}

/** Keras's `ResNet152`. */
export function ResNet152(options: ApplicationOptions = {}): Model {
  return resnetV1(152, options);
}
