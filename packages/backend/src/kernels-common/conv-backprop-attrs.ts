/**
 * The attributes tfjs gives Conv2DBackpropFilter and Conv2DBackpropInput (and
 * Strata's kernels of the same convention), and the Conv2DInfo they describe,
 * for the cpu and wasm kernels alike.
 */
import * as tf from '@tensorflow/tfjs-core';

export type ConvPad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
export type Shape4D = [number, number, number, number];

interface ConvBackpropAttrs {
  strides: [number, number] | number;
  pad: ConvPad;
  /** 'NHWC' when absent. */
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

export interface Conv2DBackpropFilterAttrs extends ConvBackpropAttrs {
  filterShape: Shape4D;
}

export interface Conv2DBackpropInputAttrs extends ConvBackpropAttrs {
  inputShape: Shape4D;
}

/** The convolution's geometry from the input's and the filter's shapes (dilations are 1 in both gradients). */
export function backpropConvInfo(inputShape: Shape4D, filterShape: Shape4D, attrs: ConvBackpropAttrs): tf.backend_util.Conv2DInfo {
  const { strides, pad, dataFormat = 'NHWC', dimRoundingMode } = attrs;
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
}
