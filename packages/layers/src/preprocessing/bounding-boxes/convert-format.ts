import * as tf from '@tensorflow/tfjs-core';

/** Keras's bounding-box formats (`keras.utils.bounding_boxes`), matched case-insensitively. */
export const BOUNDING_BOX_FORMATS = ['xyxy', 'yxyx', 'xywh', 'center_xywh', 'center_yxhw', 'rel_xyxy', 'rel_yxyx', 'rel_xywh', 'rel_center_xywh'] as const;
export type BoundingBoxFormat = (typeof BOUNDING_BOX_FORMATS)[number];

/** Boxes: a tensor (or nested array) whose last axis holds the 4 coordinates, `(N, 4)` or `(batch, N, 4)`. */
export type BoxesInput = tf.Tensor | tf.TensorLike;
/** Keras's dictionary of boxes: `boxes` and, optionally, one label per box. */
export interface BoundingBoxes<T = tf.Tensor> {
  boxes: T;
  labels?: T;
  [key: string]: T | undefined;
}

export interface ConvertFormatOptions {
  /** The image height: needed when either format is relative (`rel_*`). */
  height?: number | null;
  /** The image width: needed when either format is relative (`rel_*`). */
  width?: number | null;
  /** The dtype of the converted boxes, `'float32'` as in Keras. */
  dtype?: 'float32' | 'int32';
}

type Corners = [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
type Size = { height: number; width: number };

export function toBoxTensor(caller: string, name: string, boxes: BoxesInput): tf.Tensor {
  const tensor = boxes instanceof tf.Tensor ? boxes : tf.tensor(boxes as tf.TensorLike);
  if (tensor.rank < 1 || tensor.shape[tensor.rank - 1] !== 4) {
    if (!(boxes instanceof tf.Tensor)) tensor.dispose();
    throw new RangeError(`${caller} expects \`${name}\` to have a last axis of 4 (the box coordinates); received a tensor of shape [${tensor.shape}].`);
  }
  return tensor;
}

export function standardizeFormat(caller: string, name: string, format: string): BoundingBoxFormat {
  const lower = typeof format === 'string' ? format.toLowerCase() : format;
  if (!(BOUNDING_BOX_FORMATS as readonly unknown[]).includes(lower)) {
    throw new RangeError(`${caller} received ${name}=${JSON.stringify(format)}, which is not a bounding-box format; expected one of ${BOUNDING_BOX_FORMATS.join(', ')}.`);
  }
  return lower as BoundingBoxFormat;
}

const split4 = (boxes: tf.Tensor): Corners => tf.split(boxes, 4, -1) as Corners;
const join4 = (parts: tf.Tensor[]): tf.Tensor => tf.concat(parts, -1);
const half = (x: tf.Tensor) => tf.div(x, 2);

/** From each format to corners `[x1, y1, x2, y2]` in pixels. */
function toXyxy(format: BoundingBoxFormat, boxes: tf.Tensor, { height, width }: Size): Corners {
  const [a, b, c, d] = split4(boxes);
  switch (format) {
    case 'xyxy':
      return [a, b, c, d];
    case 'yxyx':
      return [b, a, d, c];
    case 'xywh':
      return [a, b, tf.add(a, c), tf.add(b, d)];
    case 'center_xywh':
      return [tf.sub(a, half(c)), tf.sub(b, half(d)), tf.add(a, half(c)), tf.add(b, half(d))];
    case 'center_yxhw':
      return [tf.sub(b, half(d)), tf.sub(a, half(c)), tf.add(b, half(d)), tf.add(a, half(c))];
    case 'rel_xyxy':
      return [tf.mul(a, width), tf.mul(b, height), tf.mul(c, width), tf.mul(d, height)];
    case 'rel_yxyx':
      return [tf.mul(b, width), tf.mul(a, height), tf.mul(d, width), tf.mul(c, height)];
    case 'rel_xywh':
      return [tf.mul(a, width), tf.mul(b, height), tf.mul(tf.add(a, c), width), tf.mul(tf.add(b, d), height)];
    case 'rel_center_xywh':
      return [tf.mul(tf.sub(a, half(c)), width), tf.mul(tf.sub(b, half(d)), height), tf.mul(tf.add(a, half(c)), width), tf.mul(tf.add(b, half(d)), height)];
  }
}

/** From corners to each format, in Keras's order of operations (the centre is `x1 + (x2 - x1) / 2`). */
function fromXyxy(format: BoundingBoxFormat, [x1, y1, x2, y2]: Corners, { height, width }: Size): tf.Tensor {
  const w = () => tf.sub(x2, x1);
  const h = () => tf.sub(y2, y1);
  const cx = () => tf.add(x1, half(w()));
  const cy = () => tf.add(y1, half(h()));
  switch (format) {
    case 'xyxy':
      return join4([x1, y1, x2, y2]);
    case 'yxyx':
      return join4([y1, x1, y2, x2]);
    case 'xywh':
      return join4([x1, y1, w(), h()]);
    case 'center_xywh':
      return join4([cx(), cy(), w(), h()]);
    case 'center_yxhw':
      return join4([cy(), cx(), h(), w()]);
    case 'rel_xyxy':
      return join4([tf.div(x1, width), tf.div(y1, height), tf.div(x2, width), tf.div(y2, height)]);
    case 'rel_yxyx':
      return join4([tf.div(y1, height), tf.div(x1, width), tf.div(y2, height), tf.div(x2, width)]);
    case 'rel_xywh':
      return join4([tf.div(x1, width), tf.div(y1, height), tf.div(w(), width), tf.div(h(), height)]);
    case 'rel_center_xywh':
      return join4([tf.div(cx(), width), tf.div(cy(), height), tf.div(w(), width), tf.div(h(), height)]);
  }
}

function convertTensor(boxesInput: BoxesInput, source: string, target: string, options: ConvertFormatOptions): tf.Tensor {
  const caller = 'convertFormat';
  let from = standardizeFormat(caller, 'source', source);
  let to = standardizeFormat(caller, 'target', target);
  const { height = null, width = null, dtype = 'float32' } = options;
  const relative = from.startsWith('rel_') || to.startsWith('rel_');
  if (relative && (height === null || width === null)) {
    throw new RangeError(`convertFormat needs \`height\` and \`width\` to convert between relative and absolute formats; received source=${from}, target=${to}, height=${height} and width=${width}.`);
  }
  return tf.tidy(() => {
    const boxes = tf.cast(toBoxTensor(caller, 'boxes', boxesInput), dtype);
    if (from === to) return boxes.clone();
    // Two relative formats convert without the image size, as in Keras.
    if (from.startsWith('rel_') && to.startsWith('rel_')) {
      from = from.slice(4) as BoundingBoxFormat;
      to = to.slice(4) as BoundingBoxFormat;
    }
    const size = { height: height ?? 1, width: width ?? 1 };
    // The arithmetic runs in float32 (tfjs divides int32 tensors with floor division), then takes the asked dtype.
    return tf.cast(fromXyxy(to, toXyxy(from, tf.cast(boxes, 'float32'), size), size), dtype);
  });
}

/**
 * Keras's `keras.utils.bounding_boxes.convert_format`: converts boxes between
 * the formats of `BOUNDING_BOX_FORMATS`. Takes a tensor (or nested array) of
 * boxes, or a dictionary `{ boxes, labels }` whose `boxes` it converts and
 * whose other entries it keeps. Relative formats need `height` and `width`.
 */
export function convertFormat<T>(boxes: BoundingBoxes<T>, source: string, target: string, options?: ConvertFormatOptions): BoundingBoxes<T | tf.Tensor>;
export function convertFormat(boxes: BoxesInput, source: string, target: string, options?: ConvertFormatOptions): tf.Tensor;
export function convertFormat(boxes: BoxesInput | BoundingBoxes<unknown>, source: string, target: string, options: ConvertFormatOptions = {}): tf.Tensor | BoundingBoxes<unknown> {
  if (isBoxDictionary(boxes)) return { ...boxes, boxes: convertTensor(boxes.boxes as BoxesInput, source, target, options) };
  return convertTensor(boxes, source, target, options);
}

export function isBoxDictionary(value: unknown): value is BoundingBoxes<unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof tf.Tensor) && !Array.isArray(value) && !ArrayBuffer.isView(value) && 'boxes' in value;
}
