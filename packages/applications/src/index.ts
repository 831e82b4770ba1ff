/**
 * Keras's `keras.applications`: each architecture as a function that builds the functional model Keras builds,
 * with Keras's arguments (`includeTop`, `weights`, `inputShape`, `pooling`, `classes`, `classifierActivation`...).
 * One family per file; this index has one line per family.
 *
 * @module @strata/applications
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
export * as efficientnet from './efficientnet';
export { EfficientNetB0, EfficientNetB1, EfficientNetB2, EfficientNetB3, EfficientNetB4, EfficientNetB5, EfficientNetB6, EfficientNetB7 } from './efficientnet';
export * as efficientnetV2 from './efficientnet-v2';
export { EfficientNetV2B0, EfficientNetV2B1, EfficientNetV2B2, EfficientNetV2B3, EfficientNetV2S, EfficientNetV2M, EfficientNetV2L } from './efficientnet-v2';
export * as nasnet from './nasnet';
export { NASNetLarge, NASNetMobile } from './nasnet';
export * as inceptionResnetV2 from './inception-resnet-v2';
export { InceptionResNetV2 } from './inception-resnet-v2';
export * as convnext from './convnext';
export { ConvNeXtBase, ConvNeXtLarge, ConvNeXtSmall, ConvNeXtTiny, ConvNeXtXLarge } from './convnext';
export * as mobilenetV3 from './mobilenet-v3';
export { MobileNetV3Large, MobileNetV3Small } from './mobilenet-v3';
