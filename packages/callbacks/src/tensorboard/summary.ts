import { ProtoWriter } from './protobuf';

/*
 * Field numbers from TensorBoard's protos (tensorboard/compat/proto):
 * event.proto    Event { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
 * summary.proto  Summary { repeated Value value = 1; }
 *                Value { string tag = 1; float simple_value = 2; HistogramProto histo = 5;
 *                        TensorProto tensor = 8; SummaryMetadata metadata = 9; }
 *                SummaryMetadata { PluginData plugin_data = 1; DataClass data_class = 4; }
 *                PluginData { string plugin_name = 1; bytes content = 2; }
 * histogram.proto HistogramProto { double min = 1, max = 2, num = 3, sum = 4, sum_squares = 5;
 *                        repeated double bucket_limit = 6 [packed]; repeated double bucket = 7 [packed]; }
 * tensor.proto   TensorProto { DataType dtype = 1; TensorShapeProto tensor_shape = 2; repeated bytes string_val = 8; }
 * plugin_data    PluginData { string plugin_name = 1; bytes content = 2; }
 * types.proto    DT_STRING = 7
 */

/** The statistics of a HistogramProto: bucket `i` counts values in (bucketLimit[i-1], bucketLimit[i]]. */
export interface Histogram {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  bucketLimit: number[];
  bucket: number[];
}

function event(wallTime: number, step: number): ProtoWriter {
  return new ProtoWriter().double(1, wallTime).uint(2, step);
}

/** The first record of every event file: TensorBoard checks the version string. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return new ProtoWriter().double(1, wallTime).uint(2, 0).string(3, 'brain.Event:2').finish();
}

/** A scalar as `simple_value`, which TensorBoard's scalars dashboard reads directly. */
export function scalarEvent(tag: string, value: number, step: number, wallTime: number): Uint8Array {
  const summaryValue = new ProtoWriter().string(1, tag).float(2, value);
  return event(wallTime, step).message(5, new ProtoWriter().message(1, summaryValue)).finish();
}

export function histogramEvent(tag: string, histogram: Histogram, step: number, wallTime: number): Uint8Array {
  const histo = new ProtoWriter()
    .double(1, histogram.min)
    .double(2, histogram.max)
    .double(3, histogram.num)
    .double(4, histogram.sum)
    .double(5, histogram.sumSquares)
    .packedDoubles(6, histogram.bucketLimit)
    .packedDoubles(7, histogram.bucket);
  const summaryValue = new ProtoWriter().string(1, tag).message(5, histo);
  return event(wallTime, step).message(5, new ProtoWriter().message(1, summaryValue)).finish();
}

/** A string scalar tensor for the text plugin (TensorBoard's Text dashboard renders it as markdown). */
export function textEvent(tag: string, text: string, step: number, wallTime: number): Uint8Array {
  const metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, 'text'));
  // A scalar tensor: a TensorShapeProto with no dimensions, written as an empty message.
  const tensor = new ProtoWriter().uint(1, 7).message(2, new ProtoWriter()).string(8, text);
  const summaryValue = new ProtoWriter().string(1, tag).message(9, metadata).message(8, tensor);
  return event(wallTime, step).message(5, new ProtoWriter().message(1, summaryValue)).finish();
}

/**
 * Keras's `keras_model_summary`: the model's JSON (`model.to_json()`) as a
 * string tensor for TensorBoard's graph plugin, which draws the conceptual
 * graph from it; plugin "graph_keras_model", content version "1".
 */
export function kerasModelEvent(tag: string, json: string, step: number, wallTime: number): Uint8Array {
  const pluginData = new ProtoWriter().string(1, 'graph_keras_model').bytesField(2, new TextEncoder().encode('1'));
  const metadata = new ProtoWriter().message(1, pluginData);
  const tensor = new ProtoWriter().uint(1, 7).message(2, new ProtoWriter()).string(8, json);
  const summaryValue = new ProtoWriter().string(1, tag).message(9, metadata).message(8, tensor);
  return event(wallTime, step).message(5, new ProtoWriter().message(1, summaryValue)).finish();
}

/**
 * Equal-width buckets between the smallest and the largest value, as
 * tf.summary.histogram makes them (30 by default).
 */
export function computeHistogram(values: ArrayLike<number>, bucketCount = 30): Histogram {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let sum = 0;
  let sumSquares = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
    sumSquares += value * value;
  }
  if (values.length === 0) return { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimit: [], bucket: [] };
  if (min === max) return { min, max, num: values.length, sum, sumSquares, bucketLimit: [max], bucket: [values.length] };
  const width = (max - min) / bucketCount;
  const bucket = new Array<number>(bucketCount).fill(0);
  for (let index = 0; index < values.length; index++) {
    const position = Math.ceil((values[index] - min) / width) - 1;
    bucket[Math.min(bucketCount - 1, Math.max(0, position))] += 1;
  }
  const bucketLimit = bucket.map((_, index) => (index === bucketCount - 1 ? max : min + width * (index + 1)));
  return { min, max, num: values.length, sum, sumSquares, bucketLimit, bucket };
}
