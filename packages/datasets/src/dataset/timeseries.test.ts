import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GoldenArray, dataUtilsGolden } from '../test-support/data-utils-golden';
import { type TimeseriesOptions, timeseriesDatasetFromArray } from './timeseries';

beforeAll(() => useBackend('cpu'));

function toTensor(array: GoldenArray): tf.Tensor {
  return tf.tensor(array.data, array.shape, array.dtype === 'int32' ? 'int32' : 'float32');
}

function toOptions(kwargs: Record<string, number | boolean | null>): [number, TimeseriesOptions] {
  return [
    kwargs.sequence_length as number,
    {
      sequenceStride: (kwargs.sequence_stride as number) ?? undefined,
      samplingRate: (kwargs.sampling_rate as number) ?? undefined,
      batchSize: kwargs.batch_size === undefined ? undefined : (kwargs.batch_size as number | null),
      shuffle: (kwargs.shuffle as boolean) ?? undefined,
      seed: (kwargs.seed as number) ?? undefined,
      startIndex: (kwargs.start_index as number) ?? undefined,
      endIndex: (kwargs.end_index as number) ?? undefined,
    },
  ];
}

async function collect(dataset: AsyncIterable<tf.Tensor | [tf.Tensor, tf.Tensor]>) {
  const batches: Array<{ x: number[]; xShape: number[]; y?: number[] }> = [];
  for await (const element of dataset) {
    const [x, y] = Array.isArray(element) ? element : [element, undefined];
    batches.push({ x: Array.from(x.dataSync()), xShape: x.shape, y: y && Array.from(y.dataSync()) });
    tf.dispose(element);
  }
  return batches;
}

describe('timeseriesDatasetFromArray', () => {
  for (const golden of dataUtilsGolden.timeseries.filter((g) => !g.kwargs.shuffle)) {
    it(`yields Keras's batches exactly: ${golden.name}`, async () => {
      const data = toTensor(golden.data);
      const targets = golden.targets && toTensor(golden.targets);
      const before = tf.memory().numTensors;
      const [sequenceLength, options] = toOptions(golden.kwargs);
      const dataset = timeseriesDatasetFromArray(data, targets, sequenceLength, options);
      // Twice: a Dataset can be iterated again (each epoch) with the same result.
      for (let epoch = 0; epoch < 2; epoch++) {
        const batches = await collect(dataset);
        expect(batches.length).toBe(golden.batches.length);
        batches.forEach((batch, i) => {
          expect(batch.xShape).toEqual(golden.batches[i].x.shape);
          expect(batch.x).toEqual(golden.batches[i].x.data);
          expect(batch.y).toEqual(golden.batches[i].y?.data);
        });
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([data, targets ?? []].flat());
    });
  }

  it("shuffles the window starts as Keras does for the same seed (NumPy's RandomState), then locally per epoch", async () => {
    const golden = dataUtilsGolden.timeseries.find((g) => g.kwargs.shuffle)!;
    const [sequenceLength, options] = toOptions(golden.kwargs);
    // Plain arrays work too: converted for each iteration and freed after it.
    const before = tf.memory().numTensors;
    const dataset = timeseriesDatasetFromArray(golden.data.data, golden.targets!.data, sequenceLength, options);
    const windows = (batches: Array<{ x: number[]; y?: number[] }>) =>
      batches.flatMap((batch) => batch.y!.map((target, i) => `${target}:${batch.x.slice(i * sequenceLength, (i + 1) * sequenceLength).join(',')}`));
    const kerasWindows = windows(golden.batches.map((b) => ({ x: b.x.data, y: b.y!.data })));
    const first = windows(await collect(dataset));
    const second = windows(await collect(dataset));
    expect([...first].sort()).toEqual([...kerasWindows].sort());
    expect([...second].sort()).toEqual([...kerasWindows].sort());
    // Every window is its target's: target = data[start] + 1000 in the fixture.
    for (const window of first) expect(Number(window.split(':')[0]) - 1000).toBe(Number(window.split(':')[1].split(',')[0]));
    expect(first).not.toEqual(second); // reshuffled each epoch, as tf.data's shuffle
    // The same seed reproduces the same sequence of epochs.
    const again = timeseriesDatasetFromArray(golden.data.data, golden.targets!.data, sequenceLength, options);
    expect(windows(await collect(again))).toEqual(first);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks its arguments with Keras-worded errors', () => {
    const data = [1, 2, 3, 4, 5];
    expect(() => timeseriesDatasetFromArray(data, null, 2, { startIndex: 7 })).toThrow(/`startIndex` must be lower than the length of the data. Received: startIndex=7, for data of length 5/);
    expect(() => timeseriesDatasetFromArray(data, null, 2, { startIndex: 3, endIndex: 2 })).toThrow(/`endIndex` must be higher than `startIndex`/);
    expect(() => timeseriesDatasetFromArray(data, null, 2, { samplingRate: 0 })).toThrow(/`samplingRate` must be higher than 0/);
    expect(() => timeseriesDatasetFromArray(data, null, 2, { sequenceStride: 5 })).toThrow(/`sequenceStride` must be lower than the length of the data/);
    expect(() => timeseriesDatasetFromArray(data, null, 2, { batchSize: 0 })).toThrow(/batchSize to be a positive integer or null, received 0/);
  });
});
