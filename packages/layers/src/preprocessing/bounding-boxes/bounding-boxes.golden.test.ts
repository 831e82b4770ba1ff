import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { affineTransform, clipToImageSize, computeCiou, computeIou, convertFormat, crop, decodeDeltasToBoxes, encodeBoxToDeltas, pad } from './index';

/** golden/bounding-boxes.json, written by real Keras 3.15.1 (scripts/golden_bounding_boxes.py). */
type Nested = number[] | number[][] | number[][][];
type Dict = { boxes: Nested; labels?: Nested };
type Case = Record<string, unknown> & { output: Nested | Dict | Record<string, Nested> };
const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'golden', 'bounding-boxes.json');
const { cases } = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: Record<string, Case[]> };
const close = { rtol: 1e-5, atol: 1e-4 };
const imageShape = (value: unknown) => (value ?? null) as number[] | null;

let before = 0;
beforeAll(async () => {
  await useBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

function expectTensor(actual: tf.Tensor, expected: Nested, tolerance = close): void {
  const expectedTensor = tf.tensor(expected);
  expectAllClose(actual, expectedTensor, tolerance);
  expectedTensor.dispose();
}

describe('keras.utils.bounding_boxes at Keras 3.15.1’s numbers', () => {
  it(`convertFormat: every source to every target format, unbatched and batched (${cases.convert_format.length} cases)`, () => {
    for (const golden of cases.convert_format) {
      const size = { height: (golden.height as number) ?? null, width: (golden.width as number) ?? null };
      const input = golden.boxes as Nested | Dict;
      if (Array.isArray(input)) {
        const out = convertFormat(input, golden.source as string, golden.target as string, size);
        expectTensor(out, golden.output as Nested);
        out.dispose();
      } else {
        const out = convertFormat(input, golden.source as string, golden.target as string, size);
        expectTensor(out.boxes as tf.Tensor, (golden.output as Dict).boxes);
        // The labels pass through untouched, as in Keras.
        expect(out.labels).toEqual((golden.output as Dict).labels);
        (out.boxes as tf.Tensor).dispose();
      }
    }
  });

  it('clipToImageSize: xyxy and rel_xyxy, with labels set to -1 for boxes left empty', () => {
    for (const golden of cases.clip_to_image_size) {
      const input = golden.boxes as Dict;
      const out = clipToImageSize(input, { height: (golden.height as number) ?? null, width: (golden.width as number) ?? null, boundingBoxFormat: golden.format as string });
      const expected = golden.output as Dict;
      expectTensor(out.boxes as tf.Tensor, expected.boxes);
      if (expected.labels === undefined) expect(out.labels).toBeUndefined();
      else expect((out.labels as tf.Tensor).arraySync()).toEqual(expected.labels);
      tf.dispose([out.boxes as tf.Tensor, out.labels as tf.Tensor | undefined].filter((t) => t !== undefined));
    }
  });

  it('affineTransform: rotation, translation, scale and shear per image, with the default and a given centre', () => {
    for (const golden of cases.affine_transform) {
      const g = golden as Record<string, number[] | number>;
      const out = affineTransform(golden.boxes as Nested, g.angle, g.translate_x, g.translate_y, g.scale, g.shear_x, g.shear_y, g.height as number, g.width as number, {
        centerX: (golden.center_x as number | null) ?? null,
        centerY: (golden.center_y as number | null) ?? null,
      });
      expectTensor(out, golden.output as Nested, { rtol: 1e-4, atol: 2e-3 });
      out.dispose();
    }
  });

  it('crop and pad, unbatched and batched', () => {
    for (const golden of cases.crop) {
      const out = crop(golden.boxes as Nested, golden.top as number, golden.left as number, golden.height as number, golden.width as number);
      expectTensor(out, golden.output as Nested);
      out.dispose();
    }
    for (const golden of cases.pad) {
      const out = pad(golden.boxes as Nested, golden.top as number, golden.left as number);
      expectTensor(out, golden.output as Nested);
      out.dispose();
    }
  });

  it('encodeBoxToDeltas: both encodings, variance, a relative box format and batched boxes', () => {
    for (const golden of cases.encode_box_to_deltas) {
      const out = encodeBoxToDeltas(golden.anchors as Nested, golden.boxes as Nested, golden.anchor_format as string, golden.box_format as string, {
        encodingFormat: golden.encoding_format as string,
        variance: (golden.variance as number[] | null) ?? null,
        imageShape: imageShape(golden.image_shape),
      });
      expectTensor(out, golden.output as Nested);
      out.dispose();
    }
  });

  it('decodeDeltasToBoxes: the inverse of each encoding, and a dictionary of pyramid levels', () => {
    for (const golden of cases.decode_deltas_to_boxes) {
      const options = { encodedFormat: golden.encoded_format as string, variance: (golden.variance as number[] | null) ?? null, imageShape: imageShape(golden.image_shape) };
      if (Array.isArray(golden.anchors)) {
        const out = decodeDeltasToBoxes(golden.anchors as Nested, golden.deltas as Nested, golden.anchor_format as string, golden.box_format as string, options);
        expectTensor(out, golden.output as Nested, { rtol: 1e-4, atol: 1e-3 });
        out.dispose();
      } else {
        const out = decodeDeltasToBoxes(golden.anchors as Record<string, Nested>, golden.deltas as Record<string, Nested>, golden.anchor_format as string, golden.box_format as string, options);
        const expected = golden.output as Record<string, Nested>;
        expect(Object.keys(out).sort()).toEqual(Object.keys(expected).sort());
        for (const level of Object.keys(expected)) expectTensor(out[level], expected[level], { rtol: 1e-4, atol: 1e-3 });
        tf.dispose(Object.values(out));
      }
    }
  });

  it('computeIou: formats, ranks (M,4)x(N,4), (B,M,4)x(B,N,4), (B,M,4)x(N,4), masking of padding boxes', () => {
    for (const golden of cases.compute_iou) {
      const out = computeIou(golden.boxes1 as Nested, golden.boxes2 as Nested, golden.format as string, { useMasking: golden.use_masking as boolean, maskVal: -1, imageShape: imageShape(golden.image_shape) });
      expectTensor(out, golden.output as Nested, { rtol: 1e-5, atol: 1e-6 });
      out.dispose();
    }
  });

  it('computeCiou: box by box, unbatched and batched', () => {
    for (const golden of cases.compute_ciou) {
      const out = computeCiou(golden.boxes1 as Nested, golden.boxes2 as Nested, golden.format as string);
      expectTensor(out, golden.output as Nested, { rtol: 1e-5, atol: 1e-5 });
      out.dispose();
    }
  });
});
