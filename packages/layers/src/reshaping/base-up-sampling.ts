import type * as tf from '@tensorflow/tfjs-core';
import { normalizeTuple } from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, firstSpatialAxis, normalizeDataFormat, repeatAlong } from './reshaping-utils';

export interface UpSamplingArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
}

/** Repeats each step/row/column `size` times along the spatial axes (nearest-neighbour upsampling). */
export abstract class BaseUpSampling extends Layer {
  readonly rank: number;
  readonly size: number[];
  readonly dataFormat: DataFormat;

  constructor(rank: number, size: number | number[], args: UpSamplingArgs = {}) {
    super(args);
    this.rank = rank;
    this.size = normalizeTuple(size, rank, 'size');
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const first = firstSpatialAxis(this.dataFormat);
    return this.size.reduce((x, times, i) => repeatAlong(x, first + i, times), inputs as tf.Tensor);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const first = firstSpatialAxis(this.dataFormat);
    return inputShape.map((d, i) => {
      const k = i - first;
      return k >= 0 && k < this.rank && d !== null ? d * this.size[k] : d;
    });
  }
}
