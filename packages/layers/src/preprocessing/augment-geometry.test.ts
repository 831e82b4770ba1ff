import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { augmentationSpecs } from '../test-support/specs/augmentation';
import { goldenCases, sineImages } from '../test-support/augmentation-golden';
import { CenterCrop } from './center-crop';
import { CutMix } from './cut-mix';
import { MaxNumBoundingBoxes } from './max-num-bounding-boxes';
import { MixUp } from './mix-up';
import { Pipeline } from './pipeline';
import { RandomCrop } from './random-crop';
import { RandomElasticTransform } from './random-elastic-transform';
import { RandomErasing } from './random-erasing';
import { RandomPerspective } from './random-perspective';
import { RandomShear } from './random-shear';
import { Rescaling } from './rescaling';

beforeAll(async () => {
  await useBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('the random draws of the geometric and mixing augmentations', () => {
  it('leave the images as they are (as float32) in inference, except RandomCrop, which crops the centre', () => {
    const before = tf.memory().numTensors;
    const images = sineImages([3, 6, 7, 3]);
    for (const layer of [new RandomErasing({ seed: 1 }), new RandomShear({ xFactor: 0.5, seed: 1 }), new RandomPerspective({ seed: 1 }), new CutMix({ seed: 1 }), new MixUp({ seed: 1 }), new RandomElasticTransform({ seed: 1 })]) {
      const output = layer.apply(images) as tf.Tensor;
      expect(values(output), layer.className).toEqual(values(images));
      output.dispose();
    }
    // 6 × 7 to 3 × 7: the centred 3 × 7 window is rows 1..3, no resize.
    const cropped = new RandomCrop(3, 7).apply(images) as tf.Tensor;
    const centre = tf.slice(images, [0, 1, 0, 0], [3, 3, 7, 3]);
    expect(values(cropped)).toEqual(values(centre));
    tf.dispose([images, cropped, centre]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('draw the same transformations from the same seed, new ones call after call', () => {
    const images = sineImages([4, 6, 7, 3]);
    const makers = [
      () => new RandomCrop(3, 4, { seed: 11 }),
      () => new RandomErasing({ seed: 11 }),
      () => new RandomShear({ xFactor: 0.5, yFactor: 0.5, seed: 11 }),
      () => new RandomPerspective({ seed: 11 }),
      () => new CutMix({ seed: 11 }),
      () => new MixUp({ seed: 11 }),
      () => new RandomElasticTransform({ seed: 11 }),
    ];
    for (const make of makers) {
      const [a, b] = [make(), make()];
      const first = a.apply(images, { training: true }) as tf.Tensor;
      const twin = b.apply(images, { training: true }) as tf.Tensor;
      expect(values(twin), a.className).toEqual(values(first));
      const outputs = [first, twin];
      // RandomCrop of 6 × 7 to 3 × 4 has 16 places; some later call moves.
      let moved = false;
      for (let call = 0; call < 5 && !moved; call++) {
        const next = a.apply(images, { training: true }) as tf.Tensor;
        outputs.push(next);
        moved = values(next).some((v, i) => v !== values(first)[i]);
      }
      expect(moved, `${a.className} draws anew`).toBe(true);
      tf.dispose(outputs);
    }
    // A seed given to getRandomTransformation (Keras's `seed` argument) fixes the draw, whatever the layer's stream.
    const shear = new RandomShear({ xFactor: 0.5, yFactor: 0.5 });
    const [a, b] = [shear.getRandomTransformation(images, true, 5), shear.getRandomTransformation(images, true, 5)];
    const c = shear.getRandomTransformation(images, true, 6);
    expect(a?.shear_factor.arraySync()).toEqual(b?.shear_factor.arraySync());
    expect(a?.shear_factor.arraySync()).not.toEqual(c?.shear_factor.arraySync());
    tf.dispose([images, a?.shear_factor, b?.shear_factor, c?.shear_factor].filter((t) => t !== undefined) as tf.Tensor[]);
  });

  it("RandomCrop's corner is uniform over the places the crop fits, and RandomShear's factors stay in range with a random sign", () => {
    const crop = new RandomCrop(2, 3, { seed: 3 });
    const images = tf.zeros([1, 5, 7, 1]) as tf.Tensor4D;
    const corners = Array.from({ length: 400 }, () => crop.getRandomTransformation(images, true));
    const rows = new Set(corners.map(([h]) => h));
    const columns = new Set(corners.map(([, w]) => w));
    expect([...rows].sort()).toEqual([0, 1, 2, 3]);
    expect([...columns].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(corners.filter(([h]) => h === 0).length).toBeGreaterThan(60);
    expect(crop.getRandomTransformation(tf.zeros([1, 2, 2, 1]) as tf.Tensor4D, true)).toEqual([0, 0]);

    const shear = new RandomShear({ xFactor: [0.2, 0.4], yFactor: 0.1, seed: 9 });
    const draw = shear.getRandomTransformation(tf.zeros([2000, 2, 2, 1]) as tf.Tensor4D, true);
    const factors = draw?.shear_factor.arraySync() as number[][];
    const xs = factors.map(([x]) => x);
    expect(xs.every((x) => Math.abs(x) >= 0.2 && Math.abs(x) <= 0.4)).toBe(true);
    expect(factors.every(([, y]) => Math.abs(y) <= 0.1)).toBe(true);
    const negative = xs.filter((x) => x < 0).length / xs.length;
    expect(negative).toBeGreaterThan(0.45);
    expect(negative).toBeLessThan(0.55);
    tf.dispose([images, draw?.shear_factor as tf.Tensor]);
  });

  it("RandomErasing erases with probability ~U(factor), a box of √U(scale) of each side; RandomPerspective moves corners by at most scale/2", () => {
    const layer = new RandomErasing({ factor: [0.5, 0.5], scale: [0.25, 0.25], fillValue: 9, seed: 5 });
    const images = tf.zeros([1000, 8, 8, 1]) as tf.Tensor4D;
    const t = layer.getRandomTransformation(images, true);
    if (t === null) throw new Error('RandomErasing drew no transformation in training');
    const applied = values(t.apply_erasing).filter(Boolean).length / 1000;
    expect(applied).toBeGreaterThan(0.44);
    expect(applied).toBeLessThan(0.56);
    // Sides of 0.5 × 8 = 4 pixels starting anywhere in [0, 4]: 4 × 4 = 16 pixels, or 20 or 25 with fractional starts.
    const areas = tf.sum(tf.cast(t.batch_masks, 'int32'), [1, 2, 3]);
    expect(new Set(values(areas)).size).toBeGreaterThan(0);
    expect(values(areas).every((a) => a >= 16 && a <= 25)).toBe(true);
    expect(new Set(values(t.fill_value))).toEqual(new Set([9]));

    const perspective = new RandomPerspective({ scale: 0.5, seed: 2 });
    const p = perspective.getRandomTransformation(tf.zeros([500, 5, 9, 1]) as tf.Tensor4D, true);
    if (p === null) throw new Error('RandomPerspective drew no transformation in training');
    const start = p.start_points.arraySync();
    const end = p.end_points.arraySync();
    expect(start[0]).toEqual([[0, 0], [8, 0], [0, 4], [8, 4]]);
    const moves = end.flatMap((points, b) => points.flatMap((point, i) => point.map((v, k) => (start[b][i][k] === 0 ? v : v / start[b][i][k] - 1))));
    expect(Math.max(...moves.map(Math.abs))).toBeLessThanOrEqual(0.25 + 1e-6);
    expect(Math.max(...moves.map(Math.abs))).toBeGreaterThan(0.2);
    tf.dispose([images, areas, t.apply_erasing, t.batch_masks, t.fill_value, p.apply_perspective, p.start_points, p.end_points]);
  });

  it("CutMix's and MixUp's permutations are permutations, their weights in [0, 1], CutMix's weight one minus the box's area", () => {
    const images = tf.zeros([64, 6, 8, 1]) as tf.Tensor4D;
    const cut = new CutMix({ seed: 4 }).getRandomTransformation(images, true);
    const mix = new MixUp({ alpha: 0.5, seed: 4 }).getRandomTransformation(images, true);
    if (cut === null) throw new Error('CutMix drew no transformation in training');
    for (const order of [cut.permutation_order, mix.permutation_order]) {
      expect(order.dtype).toBe('int32');
      expect([...values(order)].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i));
    }
    expect(values(mix.mix_weight).every((w) => w >= 0 && w <= 1)).toBe(true);
    // Beta(0.5, 0.5) has mean 1/2 and piles up near 0 and 1.
    const weights = values(mix.mix_weight);
    expect(weights.filter((w) => w < 0.1 || w > 0.9).length).toBeGreaterThan(16);
    const cutAreas = values(tf.sum(tf.cast(cut.batch_masks, 'float32'), [1, 2, 3]));
    const cutWeights = values(cut.mix_weight);
    cutWeights.forEach((w, i) => expect(Math.abs(1 - w - cutAreas[i] / 48)).toBeLessThan(0.45));
    expect(cutWeights.every((w) => w >= 0 && w <= 1)).toBe(true);
    tf.dispose([images, cut.permutation_order, cut.batch_masks, cut.mix_weight, mix.permutation_order, mix.mix_weight]);
  });
});

describe('RandomElasticTransform', () => {
  it('draws the strength from U(scale), standard-normal noise, and moves pixels by a smooth field within valueRange', () => {
    const before = tf.memory().numTensors;
    const layer = new RandomElasticTransform({ factor: [0.5, 0.5], scale: [0.2, 0.6], valueRange: [10, 200], seed: 21 });
    const images = sineImages([400, 12, 14, 1]);
    const t = layer.getRandomTransformation(images, true);
    if (t === null) throw new Error('RandomElasticTransform drew no transformation in training');
    expect(t.distortion_factor).toBeGreaterThanOrEqual(0.2);
    expect(t.distortion_factor).toBeLessThan(0.6);
    const noise = values(t.noise_x);
    const mean = noise.reduce((a, b) => a + b, 0) / noise.length;
    const variance = noise.reduce((a, b) => a + (b - mean) ** 2, 0) / noise.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    const applied = values(t.apply_transform).filter(Boolean).length / 400;
    expect(applied).toBeGreaterThan(0.42);
    expect(applied).toBeLessThan(0.58);
    const output = layer.transformImages(images, t, true);
    const out = values(output);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...out)).toBeLessThanOrEqual(200);
    // Images not drawn for the transform are only clipped.
    const first = values(t.apply_transform).findIndex((a) => !a);
    const kept = tf.tidy(() => tf.clipByValue(tf.slice(images, [first, 0, 0, 0], [1, -1, -1, -1]), 10, 200));
    const untouched = tf.slice(output, [first, 0, 0, 0], [1, -1, -1, -1]);
    expect(values(untouched)).toEqual(values(kept));
    tf.dispose([output, kept, untouched, t.apply_transform, t.noise_x, t.noise_y]);
    expect(new RandomElasticTransform({ scale: 0 }).getRandomTransformation(images, true)).toBeNull();
    images.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('Pipeline and MaxNumBoundingBoxes at Keras 3.15.1’s numbers', () => {
  it("Pipeline applies its layers in order, with Keras's config, and reads it back", () => {
    const golden = goldenCases.find((c) => c.class_name === 'Pipeline');
    if (!golden) throw new Error('golden/augment-geometry.json has no Pipeline case');
    const pipeline = new Pipeline([new Rescaling(1 / 255, { offset: -0.5 }), new CenterCrop(4, 5)], { name: 'pipe' });
    const strip = (config: Record<string, unknown>) => ({
      ...config,
      layers: (config.layers as Array<{ config: Record<string, unknown> }>).map((entry) => {
        const { name: _name, dtype: _dtype, ...rest } = entry.config;
        return { ...entry, config: rest };
      }),
    });
    expect(strip(pipeline.getConfig())).toEqual(strip(golden.config));
    const images = sineImages(golden.shape);
    const output = pipeline.apply(images) as tf.Tensor;
    const expected = tf.tensor(golden.output);
    expectAllClose(output, expected, { rtol: 1e-5, atol: 1e-6 });
    const reread = Pipeline.fromConfig(golden.config);
    expect(reread.layers.map((l) => l.className)).toEqual(['Rescaling', 'CenterCrop']);
    expect(reread.name).toBe('pipe');
    const again = reread.apply(images) as tf.Tensor;
    expectAllClose(again, expected, { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([images, output, expected, again]);
    expect(() => Pipeline.fromConfig({ name: 'p' })).toThrow('`Pipeline` config must contain a `layers` key mapping to a list of serialized layers. Received config with layers=undefined.');
  });

  it('MaxNumBoundingBoxes cuts and pads boxes and labels to max_number, and passes images through', () => {
    const before = tf.memory().numTensors;
    for (const golden of goldenCases.filter((c) => c.class_name === 'MaxNumBoundingBoxes') as unknown as Array<{
      config: Record<string, unknown>;
      fill_value: number;
      boxes: number[][][];
      labels: number[][];
      output_boxes: number[][][];
      output_labels: number[][];
    }>) {
      // Keras's config leaves fill_value out; the script records the layer's.
      const layer = MaxNumBoundingBoxes.fromConfig({ ...golden.config, fill_value: golden.fill_value });
      const boxes = tf.tensor(golden.boxes);
      const labels = tf.tensor(golden.labels);
      const out = layer.transformBoundingBoxes({ boxes, labels });
      expect(out.boxes.arraySync()).toEqual(golden.output_boxes);
      expect(out.labels.arraySync()).toEqual(golden.output_labels);
      const { name: _n, trainable: _t, dtype: _d, fill_value: fillValue, ...config } = layer.getConfig();
      expect(config).toEqual(golden.config);
      expect(fillValue).toBe(golden.fill_value);
      // One image's boxes ([n, 4] with [n]).
      const [oneBoxes, oneLabels] = [tf.tensor(golden.boxes[0]), tf.tensor(golden.labels[0])];
      const single = layer.transformBoundingBoxes({ boxes: oneBoxes, labels: oneLabels });
      expect(single.boxes.arraySync()).toEqual(golden.output_boxes[0]);
      expect(single.labels.arraySync()).toEqual(golden.output_labels[0]);
      tf.dispose([boxes, labels, out.boxes, out.labels, oneBoxes, oneLabels, single.boxes, single.labels]);
    }
    const images = sineImages([1, 2, 2, 3]);
    const passed = new MaxNumBoundingBoxes(2).apply(images) as tf.Tensor;
    expect(values(passed)).toEqual(values(images));
    images.dispose();
    const [badBoxes, badLabels] = [tf.zeros([2, 3]), tf.zeros([2])];
    expect(() => new MaxNumBoundingBoxes(2).transformBoundingBoxes({ boxes: badBoxes, labels: badLabels })).toThrow(
      'MaxNumBoundingBoxes expects boxes of shape [batch, n, 4] with labels [batch, n], or [n, 4] with [n]; received boxes [2,3] and labels [2].',
    );
    tf.dispose([badBoxes, badLabels]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('argument checks name the layer, the value and what was expected', () => {
  it('refuses factors out of range, unknown modes and bad sizes', () => {
    expect(() => new RandomShear({ xFactor: 1.5 })).toThrow('RandomShear: the `x_factor` argument should be a number (or a list of two numbers) in the range [0, 1.0]. Received: x_factor=1.5.');
    expect(() => new RandomShear({ fillMode: 'mirror' as never })).toThrow('RandomShear does not support `fill_mode`="mirror"');
    expect(() => new RandomPerspective({ scale: 2 })).toThrow('RandomPerspective: the `scale` argument should be a number in the range [0, 1]. Received: scale=2.');
    expect(() => new RandomErasing({ factor: [0.5, 0.2, 0.1] as never })).toThrow('RandomErasing expects `factor` to be a number (or a list of two numbers) in the range [0, 1]; received factor=[0.5,0.2,0.1].');
    expect(() => new RandomErasing({ fillValue: [1, 2] })).toThrow('RandomErasing: the `fillValue` argument should be a number or a list of three numbers; received fillValue=[1,2].');
    expect(() => new CutMix({ factor: 2 })).toThrow('CutMix expects `factor` to be a number (or a list of two numbers) in the range [0, 1]; received factor=2.');
    expect(() => new MixUp({ alpha: 0 })).toThrow('MixUp expects `alpha` to be a positive number (the Beta distribution\'s parameter); received alpha=0.');
    expect(() => new RandomCrop(0, 3)).toThrow('RandomCrop expects `height` to be a positive integer; received 0.');
    expect(() => new MaxNumBoundingBoxes(0)).toThrow('MaxNumBoundingBoxes expects `maxNumber` to be a positive integer; received 0.');
    expect(() => new RandomErasing().apply(tf.zeros([2, 3]))).toThrow('RandomErasing expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [2,3].');
  });
});

describeLayerTests('geometric and mixing augmentation layers through the layer harness', augmentationSpecs);
