import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { affineTransform, clipToImageSize, computeCiou, computeIou, convertFormat, crop, decodeDeltasToBoxes, encodeBoxToDeltas, pad } from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('keras.utils.bounding_boxes: what Keras refuses, Strata refuses in a sentence', () => {
  it('names the format it does not know, and asks for the image size of relative formats', () => {
    expect(() => convertFormat([[0, 0, 1, 1]], 'xyxy', 'corners')).toThrow(/target="corners", which is not a bounding-box format; expected one of xyxy, yxyx/);
    expect(() => convertFormat([[0, 0, 1, 1]], 'xyxy', 'rel_xyxy')).toThrow(/needs `height` and `width`.*height=null and width=null/);
    expect(() => convertFormat([[0, 0, 1]], 'xyxy', 'yxyx')).toThrow(/last axis of 4.*\[1,3\]/);
    expect(() => computeIou([[0, 0, 1, 1]], [[0, 0, 1, 1]], 'rel_xyxy')).toThrow(/needs `imageShape` for the relative format 'rel_xyxy'/);
    expect(() => computeCiou([[0, 0, 1, 1]], [[0, 0, 1, 1]], 'rel_xyxy', { imageShape: [10, 10, 3] })).toThrow(/does not take relative formats/);
    expect(() => computeIou([0, 0, 1, 1], [[0, 0, 1, 1]], 'xyxy')).toThrow(/`boxes1` of shape \(N, 4\) or \(batch, N, 4\); received a tensor of shape \[4\]/);
  });

  it('refuses the formats Keras leaves unimplemented in crop, pad, affineTransform and clipToImageSize', () => {
    expect(() => crop([[0, 0, 1, 1]], 0, 0, 5, 5, { boundingBoxFormat: 'yxyx' })).toThrow(/crop works on 'xyxy' boxes.*received boundingBoxFormat='yxyx'/);
    expect(() => pad([[0, 0, 1, 1]], 1, 1, { boundingBoxFormat: 'xywh' })).toThrow(/pad works on 'xyxy' boxes/);
    expect(() => affineTransform([[0, 0, 1, 1]], 0, 0, 0, 1, 0, 0, 5, 5, { boundingBoxFormat: 'center_xywh' })).toThrow(/affineTransform works on 'xyxy' boxes/);
    expect(() => clipToImageSize({ boxes: [[0, 0, 1, 1]] }, { boundingBoxFormat: 'xywh' })).toThrow(/'xyxy' or 'rel_xyxy' boxes/);
    expect(() => clipToImageSize({ boxes: [[0, 0, 1, 1]] })).toThrow(/needs `height` and `width` for 'xyxy' boxes/);
    expect(() => encodeBoxToDeltas([[0, 0, 1, 1]], [[0, 0, 1, 1]], 'xyxy', 'xyxy', { encodingFormat: 'xyxy' })).toThrow(/`encodingFormat` to be 'center_xywh' or 'center_yxhw'; received "xyxy"/);
    expect(() => encodeBoxToDeltas([[0, 0, 1, 1]], [[0, 0, 1, 1]], 'xyxy', 'xyxy', { variance: [1, 2, 3] })).toThrow(/`variance` to hold 4 values; received shape \[3\]/);
    expect(() => decodeDeltasToBoxes({ P3: [[0, 0, 1, 1]] }, { P4: [[0, 0, 0, 0]] }, 'xyxy', 'xyxy')).toThrow(/anchors for level "P3" but no deltas for it/);
  });
});

describe('keras.utils.bounding_boxes: Strata’s conveniences', () => {
  it('affineTransform takes unbatched boxes and single numbers: a batch of one', () => {
    const before = tf.memory().numTensors;
    const boxes = [
      [10, 20, 30, 60],
      [0, 0, 5, 5],
    ];
    const single = affineTransform(boxes, 30, 0.1, -0.05, 1.2, 5, 0, 80, 100);
    const batched = affineTransform([boxes], [30], [0.1], [-0.05], [1.2], [5], [0], 80, 100);
    expect(single.shape).toEqual([2, 4]);
    tf.tidy(() => expectAllClose(single, tf.squeeze(batched, [0])));
    // The identity transformation gives the boxes back.
    const identity = affineTransform(boxes, 0, 0, 0, 1, 0, 0, 80, 100);
    tf.tidy(() => expectAllClose(identity, tf.tensor(boxes), { atol: 1e-4 }));
    tf.dispose([single, batched, identity]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('decoding what was encoded gives the boxes back, for every box format', () => {
    const before = tf.memory().numTensors;
    const anchors = tf.tensor2d([
      [8, 16, 48, 72],
      [90, 30, 170, 100],
    ]);
    for (const format of ['xyxy', 'yxyx', 'xywh', 'center_xywh', 'center_yxhw']) {
      const boxes = tf.tensor2d([
        [12, 22, 40, 70],
        [95, 35, 120, 90],
      ]);
      const deltas = encodeBoxToDeltas(anchors, boxes, 'xyxy', format, { variance: [0.1, 0.1, 0.2, 0.2] });
      const decoded = decodeDeltasToBoxes(anchors, deltas, 'xyxy', format, { variance: [0.1, 0.1, 0.2, 0.2] });
      expectAllClose(decoded, boxes, { atol: 1e-3 });
      tf.dispose([boxes, deltas, decoded]);
    }
    anchors.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
