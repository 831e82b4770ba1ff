/**
 * Keras's `keras.applications`: each architecture as a function that builds the functional model Keras builds,
 * with Keras's arguments (`includeTop`, `weights`, `inputShape`, `pooling`, `classes`, `classifierActivation`...).
 * One family per file; this index has one line per family.
 */
export type { ApplicationOptions, Pooling, WeightsLoader } from './common';
export { DenseNet121, DenseNet169, DenseNet201 } from './densenet';
export { decodePredictions, preprocessInput } from './imagenet-utils';
export type { DecodedPrediction, PreprocessMode } from './imagenet-utils';
export { InceptionV3 } from './inception-v3';
export { MobileNet } from './mobilenet';
export type { MobileNetOptions } from './mobilenet';
export { MobileNetV2 } from './mobilenet-v2';
export type { MobileNetV2Options } from './mobilenet-v2';
export { ResNet50, ResNet101, ResNet152 } from './resnet';
export { ResNet50V2, ResNet101V2, ResNet152V2 } from './resnet-v2';
export { VGG16, VGG19 } from './vgg';
export { Xception } from './xception';
