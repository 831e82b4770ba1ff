import { useBackend } from '@strata/backend';
import { expectAllClose, expectNoLeak } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodePredictions, preprocessInput } from './imagenet-utils';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('preprocessInput', () => {
  const pixels = [
    [0, 127.5, 255],
    [10, 20, 30],
  ];

  it("matches Keras's three modes on channels-last pixels", async () => {
    await expectNoLeak(async () => {
      const x = tf.tensor3d([pixels]);
      const [caffe, tfMode, torch] = (['caffe', 'tf', 'torch'] as const).map((mode) => preprocessInput(x, mode));
      // caffe: RGB -> BGR, minus the BGR means.
      expectAllClose(caffe, [255 - 103.939, 127.5 - 116.779, 0 - 123.68, 30 - 103.939, 20 - 116.779, 10 - 123.68]);
      expectAllClose(tfMode, [-1, 0, 1, 10 / 127.5 - 1, 20 / 127.5 - 1, 30 / 127.5 - 1]);
      expectAllClose(torch, [
        (0 - 0.485) / 0.229,
        (0.5 - 0.456) / 0.224,
        (1 - 0.406) / 0.225,
        (10 / 255 - 0.485) / 0.229,
        (20 / 255 - 0.456) / 0.224,
        (30 / 255 - 0.406) / 0.225,
      ]);
      tf.dispose([x, caffe, tfMode, torch]);
    });
  });

  it('refuses an unknown mode and images without 3 channels', () => {
    const x = tf.zeros([1, 2, 2, 1]);
    expect(() => preprocessInput(x, 'caffe')).toThrow(/3 channels/);
    expect(() => preprocessInput(x, 'bgr' as never)).toThrow(/expected "caffe", "tf" or "torch"/);
    x.dispose();
  });
});

describe('decodePredictions', () => {
  it('returns the top classes of each row, best first, from a class index', async () => {
    const classIndex = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [String(i), [`n${i}`, `class${i}`]])) as Record<
      string,
      [string, string]
    >;
    const scores = tf.buffer([2, 1000]);
    scores.set(0.7, 0, 3);
    scores.set(0.2, 0, 999);
    scores.set(0.1, 0, 0);
    scores.set(0.9, 1, 500);
    const preds = scores.toTensor();
    const decoded = await decodePredictions(preds, classIndex, 2);
    expect(decoded[0].map(([id, name]) => [id, name])).toEqual([
      ['n3', 'class3'],
      ['n999', 'class999'],
    ]);
    expect(decoded[0][0][2]).toBeCloseTo(0.7, 6);
    expect(decoded[1][0]).toEqual(['n500', 'class500', expect.closeTo(0.9, 6)]);
    await expect(decodePredictions(tf.zeros([1, 10]), classIndex)).rejects.toThrow(/\[samples, 1000\]/);
    preds.dispose();
  });
});
