// Keras's keras.ops.image: one line per family file (helpers such as the sampler stay internal).
export { hsvToRgb, rgbToGrayscale, rgbToHsv, type DataFormatOptions } from './color';
export { resize, type ResizeInterpolation, type ResizeOptions } from './resize';
export { mapCoordinates, type FillMode, type MapCoordinatesOptions } from './map-coordinates';
export { affineTransform, elasticTransform, perspectiveTransform, type AffineTransformOptions, type ElasticTransformOptions, type PerspectiveTransformOptions, type TransformInterpolation } from './transforms';
export { gaussianBlur, sobelEdges, ssim, type GaussianBlurOptions, type SobelOptions, type SsimOptions } from './filters';
export { scaleAndTranslate, type ScaleAndTranslateMethod, type ScaleAndTranslateOptions } from './scale-and-translate';
export { extractPatches, extractPatches3d, type ExtractPatchesOptions } from './patches';
export { cropImages, padImages, type CropImagesOptions, type PadImagesOptions } from './pad-crop';
export type { DataFormat } from './layout';
