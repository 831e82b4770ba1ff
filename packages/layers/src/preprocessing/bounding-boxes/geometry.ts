import * as tf from '@tensorflow/tfjs-core';
import { type BoundingBoxes, type BoxesInput, standardizeFormat, toBoxTensor } from './convert-format';

export interface ClipToImageSizeOptions {
  /** The image height; needed for `'xyxy'` boxes. */
  height?: number | null;
  /** The image width; needed for `'xyxy'` boxes. */
  width?: number | null;
  /** `'xyxy'` (the default) or `'rel_xyxy'`, the two formats Keras clips. */
  boundingBoxFormat?: string;
}

export interface BoxFormatOption {
  /** Keras accepts only `'xyxy'` here (the default). */
  boundingBoxFormat?: string;
}

/** Keras raises NotImplementedError for other formats in crop, pad and affine_transform; Strata says so in a sentence. */
function requireFormat(caller: string, format: string | undefined, allowed: readonly string[]): string {
  const standard = standardizeFormat(caller, 'boundingBoxFormat', format ?? 'xyxy');
  if (!allowed.includes(standard)) {
    throw new RangeError(`${caller} works on ${allowed.map((name) => `'${name}'`).join(' or ')} boxes, as Keras's does; received boundingBoxFormat='${standard}'. Convert the boxes with convertFormat first.`);
  }
  return standard;
}

const ownTensor = (input: BoxesInput | undefined) => (input === undefined ? undefined : input instanceof tf.Tensor ? input : tf.tensor(input as tf.TensorLike));

function clipCorners(boxes: tf.Tensor, height: number | null, width: number | null): tf.Tensor {
  const [x1, y1, x2, y2] = tf.split(boxes, 4, -1);
  const clip = (x: tf.Tensor, high: number | null) => (high === null ? tf.maximum(x, 0) : tf.clipByValue(x, 0, high));
  return tf.concat([clip(x1, width), clip(y1, height), clip(x2, width), clip(y2, height)], -1);
}

/**
 * Keras's `keras.utils.bounding_boxes.clip_to_image_size`: clips `{ boxes, labels }`
 * to the image (`'xyxy'`, with `height` and `width`) or to [0, 1] (`'rel_xyxy'`);
 * a box left with no area gets the label -1. Other entries are kept.
 */
export function clipToImageSize<T>(boundingBoxes: BoundingBoxes<T>, options: ClipToImageSizeOptions = {}): BoundingBoxes<T | tf.Tensor> {
  const format = requireFormat('clipToImageSize', options.boundingBoxFormat, ['xyxy', 'rel_xyxy']);
  const { height = null, width = null } = options;
  if (format === 'xyxy' && (height === null || width === null)) {
    throw new RangeError(`clipToImageSize needs \`height\` and \`width\` for 'xyxy' boxes; received height=${height} and width=${width}.`);
  }
  const result = tf.tidy(() => {
    const boxes = toBoxTensor('clipToImageSize', 'boxes', boundingBoxes.boxes as BoxesInput);
    const clipped = format === 'xyxy' ? clipCorners(boxes, height, width) : tf.clipByValue(boxes, 0, 1);
    const labels = ownTensor(boundingBoxes.labels as BoxesInput | undefined);
    if (labels === undefined) return { boxes: clipped };
    const [x1, y1, x2, y2] = tf.split(clipped, 4, -1);
    const area = tf.squeeze(tf.mul(tf.sub(x2, x1), tf.sub(y2, y1)), [-1]);
    return { boxes: clipped, labels: tf.where(tf.greater(area, 0), labels, tf.fill(labels.shape, -1, labels.dtype)) };
  });
  return { ...boundingBoxes, ...result };
}

/**
 * Keras's `keras.utils.bounding_boxes.crop`: moves `'xyxy'` boxes into the
 * frame of the region at (`top`, `left`) and clips them to its `height` and
 * `width` (null: no upper bound, as Keras's default `None`).
 */
export function crop(boxes: BoxesInput, top: number, left: number, height: number | null, width: number | null, options: BoxFormatOption = {}): tf.Tensor {
  requireFormat('crop', options.boundingBoxFormat, ['xyxy']);
  return tf.tidy(() => {
    const shifted = tf.sub(toBoxTensor('crop', 'boxes', boxes), tf.tensor1d([left, top, left, top]));
    return clipCorners(shifted, height, width);
  });
}

export interface PadOptions extends BoxFormatOption {
  /** Accepted for Keras's signature; padding does not need it. */
  height?: number | null;
  /** Accepted for Keras's signature; padding does not need it. */
  width?: number | null;
}

/** Keras's `keras.utils.bounding_boxes.pad`: moves `'xyxy'` boxes by the padding added above (`top`) and left of the image. */
export function pad(boxes: BoxesInput, top: number, left: number, options: PadOptions = {}): tf.Tensor {
  requireFormat('pad', options.boundingBoxFormat, ['xyxy']);
  return tf.tidy(() => tf.add(toBoxTensor('pad', 'boxes', boxes), tf.tensor1d([left, top, left, top])));
}

/** One value for the whole batch, or one per image. */
export type PerImage = number | number[] | tf.Tensor;

export interface AffineTransformOptions extends BoxFormatOption {
  /** The centre of the transformation as a fraction of the width, 0.5 by default. */
  centerX?: PerImage | null;
  /** The centre of the transformation as a fraction of the height, 0.5 by default. */
  centerY?: PerImage | null;
}

/**
 * Keras's `keras.utils.bounding_boxes.affine_transform`: the boxes that enclose
 * `'xyxy'` boxes after the affine transformation of the augmentation layers
 * (rotation `angle` and shears in degrees, translations as fractions of the
 * image size). Keras takes boxes `(batch, N, 4)` and one value per image;
 * Strata also takes `(N, 4)` boxes (a batch of one) and single numbers.
 */
export function affineTransform(
  boxes: BoxesInput,
  angle: PerImage,
  translateX: PerImage,
  translateY: PerImage,
  scale: PerImage,
  shearX: PerImage,
  shearY: PerImage,
  height: number,
  width: number,
  options: AffineTransformOptions = {},
): tf.Tensor {
  requireFormat('affineTransform', options.boundingBoxFormat, ['xyxy']);
  return tf.tidy(() => {
    const input = tf.cast(toBoxTensor('affineTransform', 'boxes', boxes), 'float32');
    if (input.rank !== 2 && input.rank !== 3) {
      throw new RangeError(`affineTransform expects boxes of shape (N, 4) or (batch, N, 4); received a tensor of shape [${input.shape}].`);
    }
    const batched = input.rank === 3 ? input : tf.expandDims(input, 0);
    // Each parameter as [batch, 1, 1], broadcasting against the [batch, N, 1] coordinates.
    const perImage = (name: string, value: PerImage) => {
      const tensor = tf.cast(value instanceof tf.Tensor ? value : tf.tensor1d(typeof value === 'number' ? [value] : value), 'float32');
      if (tensor.size !== 1 && tensor.size !== batched.shape[0]) {
        throw new RangeError(`affineTransform expects \`${name}\` to hold one value or one per image (${batched.shape[0]}); received ${tensor.size} values.`);
      }
      return tf.reshape(tensor, [-1, 1, 1]);
    };
    const degrees = (name: string, value: PerImage) => tf.mul(perImage(name, value), -Math.PI / 180);
    // Keras's _compute_inverse_affine_matrix (after torchvision's), with the signs of angle, shears and translations flipped.
    const cx = tf.mul(perImage('centerX', options.centerX ?? 0.5), width - 1);
    const cy = tf.mul(perImage('centerY', options.centerY ?? 0.5), height - 1);
    const rot = degrees('angle', angle);
    const sx = degrees('shearX', shearX);
    const sy = degrees('shearY', shearY);
    const tx = tf.mul(perImage('translateX', translateX), -(width - 1));
    const ty = tf.mul(perImage('translateY', translateY), -(height - 1));
    const s = perImage('scale', scale);
    const cosSy = tf.cos(sy);
    const tanSx = tf.tan(sx);
    const rotMinusSy = tf.sub(rot, sy);
    const cxPlusTx = tf.add(cx, tx);
    const cyPlusTy = tf.add(cy, ty);
    const a = tf.div(tf.cos(rotMinusSy), cosSy);
    const b = tf.add(tf.mul(a, tanSx), tf.sin(rot));
    const c = tf.neg(tf.div(tf.sin(rotMinusSy), cosSy));
    const d = tf.sub(tf.cos(rot), tf.mul(c, tanSx));
    const a0 = tf.mul(d, s);
    const a1 = tf.mul(tf.neg(b), s);
    const b0 = tf.mul(tf.neg(c), s);
    const b1 = tf.mul(a, s);
    const a2 = tf.sub(tf.sub(cx, tf.mul(a0, cxPlusTx)), tf.mul(a1, cyPlusTy));
    const b2 = tf.sub(tf.sub(cy, tf.mul(b0, cxPlusTx)), tf.mul(b1, cyPlusTy));
    const [x1, y1, x2, y2] = tf.split(batched, 4, -1);
    // The four corners of each box, then the box that encloses them after the transformation.
    const xs = tf.concat([x1, x2, x2, x1], -1);
    const ys = tf.concat([y1, y1, y2, y2], -1);
    const newX = tf.add(tf.add(tf.mul(a0, xs), tf.mul(a1, ys)), a2);
    const newY = tf.add(tf.add(tf.mul(b0, xs), tf.mul(b1, ys)), b2);
    const output = tf.stack([tf.min(newX, -1), tf.min(newY, -1), tf.max(newX, -1), tf.max(newY, -1)], -1);
    return input.rank === 3 ? output : tf.squeeze(output, [0]);
  });
}
