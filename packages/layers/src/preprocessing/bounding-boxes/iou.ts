import * as tf from '@tensorflow/tfjs-core';
import { type BoxesInput, convertFormat, standardizeFormat, toBoxTensor } from './convert-format';

/** Keras's backend epsilon, added to the unions (and in CIoU to the heights) as Keras adds it. */
const EPSILON = 1e-7;

export interface ComputeIouOptions {
  /** Gives `maskVal` to every pair where either box has all 4 coordinates below 0 (padding boxes). */
  useMasking?: boolean;
  /** The value of masked pairs, -1 by default. */
  maskVal?: number;
  /** The image shape `[height, width, channels]`, needed for relative formats. */
  imageShape?: [number, number, number] | number[] | null;
}

function rankOf(caller: string, name: string, boxes: tf.Tensor): number {
  if (boxes.rank !== 2 && boxes.rank !== 3) {
    throw new RangeError(`${caller} expects \`${name}\` of shape (N, 4) or (batch, N, 4); received a tensor of shape [${boxes.shape}].`);
  }
  return boxes.rank;
}

/** Swaps the last two axes: [N, 1] -> [1, N], [B, N, 1] -> [B, 1, N]. */
const swapLast = (x: tf.Tensor) => tf.transpose(x, x.rank === 2 ? [1, 0] : [0, 2, 1]);

function imageSize(caller: string, format: string, imageShape: ComputeIouOptions['imageShape']): { height: number | null; width: number | null } {
  if (imageShape === undefined || imageShape === null) {
    if (format.startsWith('rel_')) throw new RangeError(`${caller} needs \`imageShape\` for the relative format '${format}'; received ${imageShape}.`);
    return { height: null, width: null };
  }
  return { height: imageShape[0], width: imageShape[1] };
}

/**
 * Keras's `keras.utils.bounding_boxes.compute_iou`: the table of
 * intersection-over-union of every box of `boxes1` with every box of
 * `boxes2`: `(M, 4)` and `(N, 4)` give `(M, N)`; with a batch on either side,
 * `(batch, M, N)`.
 */
export function computeIou(boxes1: BoxesInput, boxes2: BoxesInput, boundingBoxFormat: string, options: ComputeIouOptions = {}): tf.Tensor {
  const caller = 'computeIou';
  const format = standardizeFormat(caller, 'boundingBoxFormat', boundingBoxFormat);
  const size = imageSize(caller, format, options.imageShape);
  return tf.tidy(() => {
    const first = toBoxTensor(caller, 'boxes1', boxes1);
    const second = toBoxTensor(caller, 'boxes2', boxes2);
    rankOf(caller, 'boxes1', first);
    rankOf(caller, 'boxes2', second);
    const a = convertFormat(first, format, 'yxyx', size);
    const b = convertFormat(second, format, 'yxyx', size);
    const [yMin1, xMin1, yMax1, xMax1] = tf.split(a, 4, -1);
    const [yMin2, xMin2, yMax2, xMax2] = tf.split(b, 4, -1).map(swapLast);
    const intersectHeight = tf.maximum(tf.sub(tf.minimum(yMax1, yMax2), tf.maximum(yMin1, yMin2)), 0);
    const intersectWidth = tf.maximum(tf.sub(tf.minimum(xMax1, xMax2), tf.maximum(xMin1, xMin2)), 0);
    const intersection = tf.mul(intersectHeight, intersectWidth);
    const area1 = tf.mul(tf.sub(yMax1, yMin1), tf.sub(xMax1, xMin1));
    const area2 = tf.mul(tf.sub(yMax2, yMin2), tf.sub(xMax2, xMin2));
    const union = tf.sub(tf.add(area1, area2), intersection);
    const iou = tf.div(intersection, tf.add(union, EPSILON));
    if (!options.useMasking) return iou;
    const padding1 = tf.less(tf.max(a, -1, true), 0);
    const padding2 = swapLast(tf.less(tf.max(b, -1, true), 0));
    return tf.where(tf.logicalOr(padding1, padding2), tf.fill(iou.shape, options.maskVal ?? -1), iou);
  });
}

export interface ComputeCiouOptions {
  /** Accepted for Keras's signature; Keras refuses relative formats here even with it. */
  imageShape?: [number, number, number] | number[] | null;
}

/**
 * Keras's `keras.utils.bounding_boxes.compute_ciou`: the complete IoU of
 * `boxes1` and `boxes2` box by box (their shapes broadcast; the last axis is
 * dropped): the IoU less the squared centre distance over the squared
 * diagonal of the enclosing box, less the aspect-ratio term `alpha * v`.
 */
export function computeCiou(boxes1: BoxesInput, boxes2: BoxesInput, boundingBoxFormat: string, options: ComputeCiouOptions = {}): tf.Tensor {
  const caller = 'computeCiou';
  const format = standardizeFormat(caller, 'boundingBoxFormat', boundingBoxFormat);
  if (format.startsWith('rel_')) {
    throw new RangeError(`computeCiou does not take relative formats, as Keras's does not; received boundingBoxFormat='${format}'. Convert the boxes to 'xyxy' first.`);
  }
  const size = imageSize(caller, format, options.imageShape);
  return tf.tidy(() => {
    const a = convertFormat(toBoxTensor(caller, 'boxes1', boxes1), format, 'xyxy', size);
    const b = convertFormat(toBoxTensor(caller, 'boxes2', boxes2), format, 'xyxy', size);
    const [xMin1, yMin1, xMax1, yMax1] = tf.split(a, 4, -1);
    const [xMin2, yMin2, xMax2, yMax2] = tf.split(b, 4, -1);
    const width1 = tf.sub(xMax1, xMin1);
    const height1 = tf.add(tf.sub(yMax1, yMin1), EPSILON);
    const width2 = tf.sub(xMax2, xMin2);
    const height2 = tf.add(tf.sub(yMax2, yMin2), EPSILON);
    const overlap = (max1: tf.Tensor, max2: tf.Tensor, min1: tf.Tensor, min2: tf.Tensor) => tf.maximum(tf.sub(tf.minimum(max1, max2), tf.maximum(min1, min2)), 0);
    const intersection = tf.mul(overlap(xMax1, xMax2, xMin1, xMin2), overlap(yMax1, yMax2, yMin1, yMin2));
    const union = tf.add(tf.sub(tf.add(tf.mul(width1, height1), tf.mul(width2, height2)), intersection), EPSILON);
    const iou = tf.div(intersection, tf.add(union, EPSILON));
    const convexWidth = tf.sub(tf.maximum(xMax1, xMax2), tf.minimum(xMin1, xMin2));
    const convexHeight = tf.sub(tf.maximum(yMax1, yMax2), tf.minimum(yMin1, yMin2));
    const diagonalSquared = tf.add(tf.add(tf.square(convexWidth), tf.square(convexHeight)), EPSILON);
    const centreX = tf.sub(tf.div(tf.add(xMin1, xMax1), 2), tf.div(tf.add(xMin2, xMax2), 2));
    const centreY = tf.sub(tf.div(tf.add(yMin1, yMax1), 2), tf.div(tf.add(yMin2, yMax2), 2));
    const centreDistanceSquared = tf.add(tf.square(centreX), tf.square(centreY));
    const v = tf.mul(4 / Math.PI ** 2, tf.square(tf.sub(tf.atan(tf.div(width2, height2)), tf.atan(tf.div(width1, height1)))));
    const alpha = tf.div(v, tf.add(tf.sub(v, iou), 1 + EPSILON));
    const ciou = tf.sub(iou, tf.add(tf.div(centreDistanceSquared, diagonalSquared), tf.mul(v, alpha)));
    return tf.squeeze(ciou, [-1]);
  });
}
