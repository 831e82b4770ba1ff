/** Keras's `keras.utils.bounding_boxes`: converting, clipping, moving and comparing bounding boxes. */
export { BOUNDING_BOX_FORMATS, convertFormat } from './convert-format';
export type { BoundingBoxFormat, BoundingBoxes, BoxesInput, ConvertFormatOptions } from './convert-format';
export { affineTransform, clipToImageSize, crop, pad } from './geometry';
export type { AffineTransformOptions, BoxFormatOption, ClipToImageSizeOptions, PadOptions, PerImage } from './geometry';
export { decodeDeltasToBoxes, encodeBoxToDeltas } from './deltas';
export type { DecodeOptions, EncodeOptions } from './deltas';
export { computeCiou, computeIou } from './iou';
export type { ComputeCiouOptions, ComputeIouOptions } from './iou';
