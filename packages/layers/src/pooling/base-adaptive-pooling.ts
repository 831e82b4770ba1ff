import { adaptiveAveragePool, adaptiveMaxPool } from '@strata/ops';
import type * as tf from '@tensorflow/tfjs-core';
import { type DataFormat, normalizeDataFormat } from '../convolutional/conv-utils';
import { type CallOptions, Layer, type LayerArgs, layerArgsFromConfig, type Tensors } from '../engine/layer';
import type { Shape } from '../engine/shape';

export interface AdaptivePoolingArgs extends LayerArgs {
  /** `'channels_last'` or `'channels_first'`. Default `null` (`'channels_last'`). */
  dataFormat?: string | null;
}

/**
 * Keras's BaseAdaptivePooling: pools each spatial axis to a fixed number of
 * positions, whatever the input's size, with torch's adaptive windows (window
 * i of n over a length L spans [floor(i L / n), ceil((i + 1) L / n))).
 */
export abstract class BaseAdaptivePooling extends Layer {
  readonly outputSize: number[];
  readonly dataFormat: DataFormat;
  readonly mode: 'max' | 'average';

  constructor(rank: number, mode: 'max' | 'average', outputSize: number | number[], args: AdaptivePoolingArgs = {}) {
    super(args);
    const className = (this.constructor as typeof Layer).className;
    const sizes = typeof outputSize === 'number' ? Array.from({ length: rank }, () => outputSize) : [...outputSize];
    if (sizes.length !== rank || !sizes.every((size) => Number.isInteger(size) && size > 0)) {
      throw new TypeError(`${className}: \`outputSize\` must be a positive integer or a list of ${rank} positive integers. Received: ${JSON.stringify(outputSize)}.`);
    }
    this.outputSize = sizes;
    this.mode = mode;
    this.dataFormat = normalizeDataFormat(args.dataFormat);
    this.inputSpec = { ndim: rank + 2 };
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const pool = this.mode === 'max' ? adaptiveMaxPool : adaptiveAveragePool;
    return pool(inputs as tf.Tensor, this.outputSize, { dataFormat: this.dataFormat }) as tf.Tensor;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const batch = inputShape[0];
    return this.dataFormat === 'channels_last'
      ? [batch, ...this.outputSize, inputShape[inputShape.length - 1]]
      : [batch, inputShape[1], ...this.outputSize];
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), output_size: [...this.outputSize], data_format: this.dataFormat };
  }
}

export function adaptivePoolingFromConfig(config: Record<string, unknown>): [number[], AdaptivePoolingArgs] {
  return [config.output_size as number[], { ...layerArgsFromConfig(config), dataFormat: config.data_format as string }];
}
