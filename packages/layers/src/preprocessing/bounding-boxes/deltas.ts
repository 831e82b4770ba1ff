import * as tf from '@tensorflow/tfjs-core';
import { type BoxesInput, convertFormat } from './convert-format';

/** Keras's backend epsilon, which keeps the logarithm of a flat box finite. */
const EPSILON = 1e-7;
const ENCODINGS = ['center_xywh', 'center_yxhw'] as const;

export interface DeltaOptions {
  /** Four factors the deltas are divided by when encoded (multiplied by when decoded). */
  variance?: number[] | tf.Tensor | null;
  /** The image shape `[height, width, channels]`, needed for relative formats. */
  imageShape?: [number, number, number] | number[] | null;
}
export interface EncodeOptions extends DeltaOptions {
  /** The format the deltas are taken in: `'center_yxhw'` (the default) or `'center_xywh'`. */
  encodingFormat?: string;
}
export interface DecodeOptions extends DeltaOptions {
  /** The format the deltas were taken in: `'center_yxhw'` (the default) or `'center_xywh'`. */
  encodedFormat?: string;
}

function checkEncoding(caller: string, name: string, format: string): void {
  if (!(ENCODINGS as readonly string[]).includes(format)) {
    throw new RangeError(`${caller} expects \`${name}\` to be 'center_xywh' or 'center_yxhw'; received ${JSON.stringify(format)}.`);
  }
}

function varianceTensor(caller: string, variance: DeltaOptions['variance']): tf.Tensor | null {
  if (variance === undefined || variance === null) return null;
  const tensor = variance instanceof tf.Tensor ? tf.cast(variance, 'float32') : tf.tensor1d(variance, 'float32');
  if (tensor.shape[tensor.rank - 1] !== 4) throw new RangeError(`${caller} expects \`variance\` to hold 4 values; received shape [${tensor.shape}].`);
  return tensor;
}

function imageSize(options: DeltaOptions): { height: number | null; width: number | null } {
  const shape = options.imageShape;
  return shape === undefined || shape === null ? { height: null, width: null } : { height: shape[0], width: shape[1] };
}

/**
 * Keras's `keras.utils.bounding_boxes.encode_box_to_deltas`: the offsets of
 * `boxes` from `anchors` (`(N, 4)`; boxes `(N, 4)` or `(batch, N, 4)`), both
 * taken in `encodingFormat`: centre offsets over the anchor size, then the
 * logarithm of the size ratios, divided by `variance` when given.
 */
export function encodeBoxToDeltas(anchors: BoxesInput, boxes: BoxesInput, anchorFormat: string, boxFormat: string, options: EncodeOptions = {}): tf.Tensor {
  const encoding = options.encodingFormat ?? 'center_yxhw';
  checkEncoding('encodeBoxToDeltas', 'encodingFormat', encoding);
  return tf.tidy(() => {
    const variance = varianceTensor('encodeBoxToDeltas', options.variance);
    const size = imageSize(options);
    const encodedAnchors = convertFormat(anchors, anchorFormat, encoding, size);
    const encodedBoxes = convertFormat(boxes, boxFormat, encoding, size);
    const anchorSizes = tf.maximum(lastAxisSlice(encodedAnchors, 2), EPSILON);
    const boxCenters = lastAxisSlice(encodedBoxes, 0);
    const boxSizes = tf.maximum(lastAxisSlice(encodedBoxes, 2), EPSILON);
    const deltas = tf.concat([tf.div(tf.sub(boxCenters, lastAxisSlice(encodedAnchors, 0)), anchorSizes), tf.log(tf.div(boxSizes, anchorSizes))], -1);
    return variance === null ? deltas : tf.div(deltas, variance);
  });
}

/** `x[..., start:start + 2]`. */
function lastAxisSlice(x: tf.Tensor, start: number): tf.Tensor {
  const begin = x.shape.map((_, axis) => (axis === x.rank - 1 ? start : 0));
  const size = x.shape.map((_, axis) => (axis === x.rank - 1 ? 2 : -1));
  return tf.slice(x, begin, size);
}

function decodeLevel(anchors: BoxesInput, deltasInput: BoxesInput, anchorFormat: string, boxFormat: string, encoding: string, variance: tf.Tensor | null, size: ReturnType<typeof imageSize>): tf.Tensor {
  const encodedAnchors = convertFormat(anchors, anchorFormat, encoding, size);
  const raw = deltasInput instanceof tf.Tensor ? deltasInput : tf.tensor(deltasInput as tf.TensorLike);
  const deltas = variance === null ? raw : tf.mul(raw, variance);
  const anchorCenters = lastAxisSlice(encodedAnchors, 0);
  const anchorSizes = lastAxisSlice(encodedAnchors, 2);
  const encodedBoxes = tf.concat([tf.add(tf.mul(lastAxisSlice(deltas, 0), anchorSizes), anchorCenters), tf.mul(tf.exp(lastAxisSlice(deltas, 2)), anchorSizes)], -1);
  return convertFormat(encodedBoxes, encoding, boxFormat, size);
}

/**
 * Keras's `keras.utils.bounding_boxes.decode_deltas_to_boxes`, the inverse of
 * `encodeBoxToDeltas`: boxes in `boxFormat` from anchors and deltas. Takes one
 * tensor of each, or two dictionaries with the same keys (one entry per
 * feature-pyramid level) and returns a dictionary.
 */
export function decodeDeltasToBoxes(anchors: Record<string, BoxesInput>, boxesDelta: Record<string, BoxesInput>, anchorFormat: string, boxFormat: string, options?: DecodeOptions): Record<string, tf.Tensor>;
export function decodeDeltasToBoxes(anchors: BoxesInput, boxesDelta: BoxesInput, anchorFormat: string, boxFormat: string, options?: DecodeOptions): tf.Tensor;
export function decodeDeltasToBoxes(
  anchors: BoxesInput | Record<string, BoxesInput>,
  boxesDelta: BoxesInput | Record<string, BoxesInput>,
  anchorFormat: string,
  boxFormat: string,
  options: DecodeOptions = {},
): tf.Tensor | Record<string, tf.Tensor> {
  const encoding = options.encodedFormat ?? 'center_yxhw';
  checkEncoding('decodeDeltasToBoxes', 'encodedFormat', encoding);
  const size = imageSize(options);
  return tf.tidy<tf.Tensor | Record<string, tf.Tensor>>(() => {
    const variance = varianceTensor('decodeDeltasToBoxes', options.variance);
    if (isLevels(anchors) && isLevels(boxesDelta)) {
      const boxes: Record<string, tf.Tensor> = {};
      for (const [level, anchor] of Object.entries(anchors)) {
        if (!Object.hasOwn(boxesDelta, level)) throw new RangeError(`decodeDeltasToBoxes received anchors for level ${JSON.stringify(level)} but no deltas for it; the deltas have levels ${Object.keys(boxesDelta).join(', ')}.`);
        boxes[level] = decodeLevel(anchor, boxesDelta[level], anchorFormat, boxFormat, encoding, variance, size);
      }
      return boxes;
    }
    if (isLevels(anchors) || isLevels(boxesDelta)) throw new TypeError('decodeDeltasToBoxes expects `anchors` and `boxesDelta` to be both tensors or both dictionaries of levels; received one of each.');
    return decodeLevel(anchors as BoxesInput, boxesDelta as BoxesInput, anchorFormat, boxFormat, encoding, variance, size);
  });
}

function isLevels(value: unknown): value is Record<string, BoxesInput> {
  return typeof value === 'object' && value !== null && !(value instanceof tf.Tensor) && !Array.isArray(value) && !ArrayBuffer.isView(value);
}
