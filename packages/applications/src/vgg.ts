/**
 * VGG16 and VGG19 (Simonyan & Zisserman, "Very Deep Convolutional Networks for Large-Scale Image
 * Recognition", ICLR 2015), built as Keras's `keras.applications.VGG16`/`VGG19` build them.
 */
import { Conv2D, Dense, Flatten, MaxPooling2D, type SymbolicTensor } from '@strata/layers';
import type { Model } from '@strata/models';
import { type ApplicationOptions, applicationInput, finishModel, poolingHead, predictions } from './common';

/** Convolutions per block of VGG16 and VGG19; each block ends with a 2x2 max pooling. */
const BLOCKS: Record<'vgg16' | 'vgg19', number[]> = { vgg16: [2, 2, 3, 3, 3], vgg19: [2, 2, 4, 4, 4] };
const FILTERS = [64, 128, 256, 512, 512];

function vgg(architecture: string, variant: 'vgg16' | 'vgg19', options: ApplicationOptions): Model {
  const input = applicationInput(architecture, options, variant, { defaultSize: 224, minSize: 32 });
  let x: SymbolicTensor = input.image;
  BLOCKS[variant].forEach((convs, b) => {
    for (let c = 1; c <= convs; c++) {
      const conv = new Conv2D(FILTERS[b], [3, 3], { activation: 'relu', padding: 'same', name: `block${b + 1}_conv${c}` });
      x = conv.apply(x) as SymbolicTensor;
    }
    x = new MaxPooling2D([2, 2], { strides: [2, 2], name: `block${b + 1}_pool` }).apply(x) as SymbolicTensor;
  });
  if (input.options.includeTop) {
    x = new Flatten({ name: 'flatten' }).apply(x) as SymbolicTensor;
    x = new Dense(4096, { activation: 'relu', name: 'fc1' }).apply(x) as SymbolicTensor;
    x = new Dense(4096, { activation: 'relu', name: 'fc2' }).apply(x) as SymbolicTensor;
    x = predictions(x, input.options);
  } else {
    x = poolingHead(x, input.options.pooling);
  }
  return finishModel(input, x);
}

/** Keras's `VGG16`: 13 convolutions in 5 blocks, then (with `includeTop`) two 4096-unit Dense layers. */
export function VGG16(options: ApplicationOptions = {}): Model {
  return vgg('VGG16', 'vgg16', options);
}

/** Keras's `VGG19`: 16 convolutions in 5 blocks, then (with `includeTop`) two 4096-unit Dense layers. */
export function VGG19(options: ApplicationOptions = {}): Model {
  return vgg('VGG19', 'vgg19', options);
}
