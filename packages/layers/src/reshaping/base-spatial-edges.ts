import * as tf from '@tensorflow/tfjs-core';
import { type CallOptions, Layer, type LayerArgs, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';
import { type DataFormat, firstSpatialAxis, normalizeDataFormat, normalizePairs } from './reshaping-utils';

export interface SpatialEdgesArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
}

/**
 * What ZeroPadding and Cropping share: (before, after) amounts on each
 * spatial axis. Padding adds zeros there; cropping removes elements.
 */
export abstract class BaseSpatialEdges extends Layer {
  readonly rank: number;
  readonly amounts: Array<[number, number]>;
  readonly dataFormat: DataFormat;
  protected abstract readonly sign: 1 | -1;

  constructor(rank: number, amounts: number | number[] | number[][], argumentName: string, args: SpatialEdgesArgs = {}) {
    super(args);
    this.rank = rank;
    this.amounts = normalizePairs(amounts, rank, argumentName);
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const input = inputs as tf.Tensor;
    const first = firstSpatialAxis(this.dataFormat);
    const perAxis = input.shape.map((_, i): [number, number] => (i >= first && i < first + this.rank ? this.amounts[i - first] : [0, 0]));
    if (this.sign > 0) return tf.pad(input, perAxis);
    const begin = perAxis.map(([before]) => before);
    const size = input.shape.map((d, i) => d - perAxis[i][0] - perAxis[i][1]);
    if (size.some((d) => d <= 0)) {
      throw new Error(`Layer "${this.name}": cropping ${JSON.stringify(this.amounts)} leaves nothing of an input of shape ${JSON.stringify(input.shape)}.`);
    }
    return tf.slice(input, begin, size);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const first = firstSpatialAxis(this.dataFormat);
    return inputShape.map((d, i) => {
      const k = i - first;
      if (k < 0 || k >= this.rank || d === null) return d;
      return d + this.sign * (this.amounts[k][0] + this.amounts[k][1]);
    });
  }

  /** The amounts as Keras writes them: a pair for 1D, a list of pairs otherwise. */
  protected serializedAmounts(): number[] | number[][] {
    return this.rank === 1 ? [...this.amounts[0]] : this.amounts.map((pair) => [...pair]);
  }
}
