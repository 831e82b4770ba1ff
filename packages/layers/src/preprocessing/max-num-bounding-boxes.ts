import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, standardizeDataFormat } from './image-utils';

/** Bounding boxes as Keras's preprocessing layers take them: `boxes` [batch, n, 4] (or [n, 4]) and `labels` [batch, n] (or [n]). */
export interface BoundingBoxes {
  boxes: tf.Tensor;
  labels: tf.Tensor;
}

export interface MaxNumBoundingBoxesArgs extends LayerArgs {
  /** The value of the boxes and labels added as padding. Default `-1`. */
  fillValue?: number;
  /** The boxes' format (`'xyxy'`, `'yxyx'`, `'xywh'`, `'center_xywh'`, `'rel_xyxy'`...); the layer does not read the coordinates. Default `null`. */
  boundingBoxFormat?: string | null;
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: DataFormat | null;
}

/**
 * Gives every image exactly `maxNumber` bounding boxes (Keras 3's
 * MaxNumBoundingBoxes), so that a batch of them has a fixed shape: the first
 * `maxNumber` boxes and labels are kept, and missing ones are filled with
 * `fillValue`. Images pass through unchanged.
 */
export class MaxNumBoundingBoxes extends Layer {
  static override className = 'MaxNumBoundingBoxes';
  readonly maxNumber: number;
  readonly fillValue: number;
  readonly boundingBoxFormat: string | null;
  readonly dataFormat: DataFormat;

  constructor(maxNumber: number, args: MaxNumBoundingBoxesArgs = {}) {
    super(args);
    if (!Number.isInteger(maxNumber) || maxNumber < 1) {
      throw new Error(`MaxNumBoundingBoxes expects \`maxNumber\` to be a positive integer; received ${maxNumber}.`);
    }
    this.maxNumber = maxNumber;
    // Keras stores int(fill_value).
    this.fillValue = Math.trunc(args.fillValue ?? -1);
    this.boundingBoxFormat = args.boundingBoxFormat ?? null;
    this.dataFormat = standardizeDataFormat('MaxNumBoundingBoxes', args.dataFormat);
    this.hasBuildConfig = false;
  }

  /** The images, unchanged. */
  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    return inputs as tf.Tensor;
  }

  /** The boxes and labels cut or padded with `fillValue` to `maxNumber` per image (a batch, or one image's). */
  transformBoundingBoxes(boundingBoxes: BoundingBoxes): BoundingBoxes {
    const { boxes, labels } = boundingBoxes;
    const batched = boxes.rank === 3;
    if (!(batched ? labels.rank === 2 : boxes.rank === 2 && labels.rank === 1) || boxes.shape[boxes.rank - 1] !== 4) {
      throw new Error(
        `MaxNumBoundingBoxes expects boxes of shape [batch, n, 4] with labels [batch, n], or [n, 4] with [n]; received boxes [${boxes.shape}] and labels [${labels.shape}].`,
      );
    }
    return tf.tidy(() => {
      const fit = (t: tf.Tensor) => {
        const axis = batched ? 1 : 0;
        const count = t.shape[axis] as number;
        const kept = tf.slice(t, Array(t.rank).fill(0), t.shape.map((size, i) => (i === axis ? Math.min(size, this.maxNumber) : size)));
        const padding = t.shape.map((_, i): [number, number] => (i === axis ? [0, Math.max(this.maxNumber - count, 0)] : [0, 0]));
        return tf.pad(kept, padding, this.fillValue);
      };
      return { boxes: fit(boxes), labels: fit(labels) };
    });
  }

  override computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }

  /**
   * Keras's keys, and `fill_value`: Keras 3.15.1's get_config leaves it out (a
   * reloaded layer pads with -1); its from_config accepts it.
   */
  override getConfig(): Record<string, unknown> {
    return {
      ...super.getConfig(),
      data_format: this.dataFormat,
      ...(this.boundingBoxFormat === null ? {} : { bounding_box_format: this.boundingBoxFormat }),
      max_number: this.maxNumber,
      fill_value: this.fillValue,
    };
  }

  static fromConfig(config: Record<string, unknown>): MaxNumBoundingBoxes {
    return new MaxNumBoundingBoxes(config.max_number as number, {
      ...layerArgsFromConfig(config),
      fillValue: (config.fill_value as number) ?? -1,
      boundingBoxFormat: (config.bounding_box_format as string | null) ?? null,
      dataFormat: (config.data_format as DataFormat | null) ?? null,
    });
  }
}
