/**
 * Keras's `keras.applications`: each architecture as a function that builds the functional model Keras builds,
 * with Keras's arguments (`includeTop`, `weights`, `inputShape`, `pooling`, `classes`, `classifierActivation`...).
 * One family per file; this index has one line per family.
 */
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
