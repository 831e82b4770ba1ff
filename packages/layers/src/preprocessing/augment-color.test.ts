import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaseImageAugmentation } from './augmentation-base';
import {
  ContrastLimitedAdaptiveHistogramEqualization,
  Equalization,
  RandomBrightness,
  RandomColorDegeneration,
  RandomColorJitter,
  RandomContrast,
  RandomGaussianBlur,
  RandomGrayscale,
  RandomHue,
  RandomInvert,
  RandomPosterization,
  RandomSaturation,
  RandomSharpness,
  Solarization,
} from './index';

beforeAll(async () => {
  await useBackend('cpu');
});

type Augmentation = BaseImageAugmentation<unknown>;
const BATCH = 400;
/** A batch of tiny images, enough draws to see the ends of each range. */
const batch = () => tf.randomUniform([BATCH, 2, 2, 3], 0, 1, 'float32', 5);
const values = (t: tf.Tensor) => Array.from(t.dataSync());
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Each random layer, the transformation key drawn, and the range its draws must fill. */
const DRAWS: { name: string; make: (seed: number) => Augmentation; key: string; low: number; high: number }[] = [
  { name: 'RandomBrightness', make: (seed) => new RandomBrightness([-0.2, 0.4], { seed }), key: 'rgb_delta', low: -0.2 * 255, high: 0.4 * 255 },
  { name: 'RandomContrast', make: (seed) => new RandomContrast(0.5, { seed }), key: 'contrast_factor', low: 1, high: 1.5 },
  { name: 'RandomColorDegeneration', make: (seed) => new RandomColorDegeneration(0.3, { seed }), key: 'factor', low: -0.3, high: 0.3 },
  // f / (1 - f) over f in [0.2, 0.6]: [0.25, 1.5].
  { name: 'RandomSaturation', make: (seed) => new RandomSaturation([0.2, 0.6], { seed }), key: 'factor', low: 0.25, high: 1.5 },
  // Half the magnitude in [0, 0.8], either sign.
  { name: 'RandomHue', make: (seed) => new RandomHue(0.8, { seed }), key: 'factor', low: -0.4, high: 0.4 },
  { name: 'RandomSharpness', make: (seed) => new RandomSharpness([0.3, 0.9], { seed }), key: 'factor', low: 0.3, high: 0.9 },
  // Bits drawn in [2, 6): shifts 8 - bits in {3, 4, 5, 6}.
  { name: 'RandomPosterization', make: (seed) => new RandomPosterization([2, 6], { seed }), key: 'shift_factor', low: 3, high: 6 },
  // Keras's quirk: from the lower factor unscaled to the upper one times 255.
  { name: 'Solarization', make: (seed) => new Solarization({ thresholdFactor: [0.2, 0.5], seed }), key: 'thresholds', low: 0.2, high: 0.5 * 255 },
];

describe('the colour augmentation layers draw as Keras', () => {
  for (const { name, make, key, low, high } of DRAWS) {
    it(`${name}: its "${key}" fills [${low.toFixed(3)}, ${high.toFixed(3)}], the same seed draws the same, the next call draws anew`, () => {
      const before = tf.memory().numTensors;
      const images = batch();
      const [first, twin] = [make(42), make(42)];
      const a = first.getRandomTransformation(images) as Record<string, tf.Tensor>;
      const b = twin.getRandomTransformation(images) as Record<string, tf.Tensor>;
      const c = first.getRandomTransformation(images) as Record<string, tf.Tensor>;
      const drawn = values(a[key]);
      expect(drawn.length).toBe(BATCH);
      const width = high - low;
      expect(Math.min(...drawn)).toBeGreaterThanOrEqual(low - 1e-5 * Math.abs(low));
      expect(Math.max(...drawn)).toBeLessThanOrEqual(high + 1e-5 * Math.abs(high));
      expect(Math.min(...drawn)).toBeLessThan(low + 0.1 * width);
      expect(Math.max(...drawn)).toBeGreaterThan(high - 0.1 * width);
      expect(values(b[key])).toEqual(drawn);
      expect(values(c[key])).not.toEqual(drawn);
      // A seed given to the call draws the same transformation twice.
      const seeded = [first.getRandomTransformation(images, true, 7), first.getRandomTransformation(images, true, 7)] as Record<string, tf.Tensor>[];
      expect(values(seeded[0][key])).toEqual(values(seeded[1][key]));
      tf.dispose([images, a, b, c, seeded] as unknown as tf.Tensor[]);
      first.dispose();
      twin.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('draws the probability layers’ choices at their rate: RandomGrayscale, RandomInvert, RandomGaussianBlur', () => {
    const images = batch();
    const grey = new RandomGrayscale({ factor: 0.3, seed: 1 }).getRandomTransformation(images);
    expect(mean(values(grey))).toBeCloseTo(0.3, 1);
    const invert = new RandomInvert({ factor: 0.6, seed: 2 }).getRandomTransformation(images);
    // The probability is drawn in [0, 0.6] per image, then the choice: 0.3 on average.
    expect(mean(values(invert!.apply_inversion))).toBeCloseTo(0.3, 1);
    const blur = new RandomGaussianBlur({ factor: [0.8, 1], sigma: [0.5, 0.7], seed: 3 }).getRandomTransformation(images);
    expect(mean(values(blur!.should_apply_blur))).toBeCloseTo(0.9, 1);
    for (const sigma of values(blur!.blur_factor)) {
      expect(sigma).toBeGreaterThanOrEqual(0.5);
      expect(sigma).toBeLessThanOrEqual(0.7 + 1e-6);
    }
    tf.dispose([images, grey, invert!.apply_inversion, blur!.should_apply_blur, blur!.blur_factor]);
  });
});

describe('the colour augmentation layers in use', () => {
  const all = (): Augmentation[] => [
    new RandomBrightness(0.5, { seed: 1 }),
    new RandomContrast(0.5, { seed: 1 }),
    new RandomGrayscale({ factor: 1, seed: 1 }),
    new RandomInvert({ seed: 1 }),
    new RandomPosterization(3, { seed: 1 }),
    new Solarization({ thresholdFactor: 0.5, seed: 1 }),
    new RandomColorDegeneration(1, { seed: 1 }),
    new RandomSaturation([0.1, 0.2], { seed: 1 }),
    new RandomHue(1, { seed: 1 }),
    new RandomSharpness([0.8, 1], { seed: 1 }),
    new RandomColorJitter({ brightnessFactor: 0.5, hueFactor: 0.5, seed: 1 }),
    new RandomGaussianBlur({ seed: 1 }),
  ];

  it('pass images through in inference and change them in training, single images and channels-first alike', () => {
    const before = tf.memory().numTensors;
    const images = tf.tidy(() => tf.mul(tf.randomUniform([2, 4, 5, 3], 0, 1, 'float32', 9), 255));
    for (const layer of all()) {
      const kept = layer.apply(images) as tf.Tensor;
      expect(values(kept), `${layer.className} in inference`).toEqual(values(images));
      const changed = layer.apply(images, { training: true }) as tf.Tensor;
      expect(changed.shape).toEqual(images.shape);
      const change = tf.tidy(() => tf.max(tf.abs(tf.sub(changed, images))).dataSync()[0]);
      expect(change, `${layer.className} in training`).toBeGreaterThan(1e-3);
      const one = tf.tidy(() => tf.squeeze(tf.slice(images, [0], [1]), [0]));
      const single = layer.apply(one, { training: true }) as tf.Tensor;
      expect(single.shape).toEqual([4, 5, 3]);
      tf.dispose([kept, changed, one, single]);
      layer.dispose();
    }
    tf.dispose(images);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('transform channels-first images as the channels-last ones, transposed', () => {
    const images = tf.tidy(() => tf.mul(tf.randomUniform([2, 4, 5, 3], 0, 1, 'float32', 4), 255));
    const first = tf.transpose(images, [0, 3, 1, 2]);
    const pairs: [Augmentation, Augmentation, Record<string, tf.Tensor> | tf.Tensor][] = [
      [new RandomContrast(0.5), new RandomContrast(0.5, { dataFormat: 'channels_first' }), { contrast_factor: tf.tensor([1.4, 0.6], [2, 1, 1, 1]) }],
      [new RandomHue(0.5), new RandomHue(0.5, { dataFormat: 'channels_first' }), { factor: tf.tensor([0.2, -0.3]) }],
      [new RandomSharpness(0.5), new RandomSharpness(0.5, { dataFormat: 'channels_first' }), { factor: tf.tensor([0.1, 0.9]) }],
      [new RandomGrayscale(), new RandomGrayscale({ dataFormat: 'channels_first' }), tf.tensor([true, false], [2, 1, 1, 1], 'bool')],
    ];
    for (const [last, firstLayer, transformation] of pairs) {
      const expected = last.transformImages(images, transformation);
      const got = tf.transpose(firstLayer.transformImages(first, transformation), [0, 2, 3, 1]);
      expectAllClose(got, expected, { rtol: 1e-5, atol: 1e-3 });
      tf.dispose([expected, got, transformation as tf.Tensor]);
      tf.dispose(Object.values(transformation));
    }
    tf.dispose([images, first]);
  });

  it('Equalization equalizes on a direct call and in training, and passes images through with training false', () => {
    const images = tf.tensor4d([[[[10], [10]], [[20], [200]]]]);
    const layer = new Equalization();
    const direct = layer.apply(images) as tf.Tensor;
    // Cumulative histogram 2, 3, 4 from 2: 0, 255/2, 255.
    expect(values(direct)).toEqual([0, 0, 128, 255]);
    const training = layer.apply(images, { training: true }) as tf.Tensor;
    expect(values(training)).toEqual([0, 0, 128, 255]);
    const inference = layer.apply(images, { training: false }) as tf.Tensor;
    expect(values(inference)).toEqual([10, 10, 20, 200]);
    tf.dispose([images, direct, training, inference]);
  });

  it('ContrastLimitedAdaptiveHistogramEqualization caps bins at a fractional limit (Keras’s JAX and TensorFlow numbers) and runs in inference too', () => {
    const before = tf.memory().numTensors;
    // One tile of 2×2 pixels: bin 10 holds 3, bin 20 holds 1; the cap 96 × 4 / 256 = 1.5 leaves 1.5 excess, spread as e per bin.
    const images = tf.tensor4d([[[[10], [10]], [[10], [20]]]]);
    const layer = new ContrastLimitedAdaptiveHistogramEqualization({ clipLimit: 96, tileGridSize: [1, 1] });
    const e = 1.5 / 256;
    const curve = (cdf: number) => ((cdf - e) * 255) / (4 - e);
    const expected = tf.tensor4d([curve(11 * e + 1.5), curve(11 * e + 1.5), curve(11 * e + 1.5), curve(21 * e + 2.5)], [1, 2, 2, 1]);
    for (const options of [{}, { training: false }, { training: true }]) {
      const output = layer.apply(images, options) as tf.Tensor;
      expectAllClose(output, expected, { rtol: 1e-5 });
      output.dispose();
    }
    // Without the cap: cdf 3 and 4 of 4 pixels, measured from bin 0 (empty), unlike Equalization's first filled bin.
    const uncapped = new ContrastLimitedAdaptiveHistogramEqualization({ clipLimit: 0, tileGridSize: [1, 1] }).apply(images) as tf.Tensor;
    expect(values(uncapped)).toEqual([191.25, 191.25, 191.25, 255]);
    tf.dispose([images, expected, uncapped]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => new ContrastLimitedAdaptiveHistogramEqualization({ tileGridSize: [0, 2] })).toThrow(
      'ContrastLimitedAdaptiveHistogramEqualization expects `tileGridSize` to be two positive integers [down, across]; received tileGridSize=[0,2].',
    );
  });

  it('refuse arguments outside Keras’s bounds with sentences that name the layer and the value', () => {
    expect(() => new RandomBrightness(1.5)).toThrow('RandomBrightness expects `factor` to be a number (or a list of two numbers) in the range [-1, 1]; received factor=1.5.');
    expect(() => new RandomContrast([1.2, 1.5])).toThrow('RandomContrast expects `factor`');
    expect(() => new RandomPosterization(9)).toThrow('in the range [1, 8]; received factor=9.');
    expect(() => new RandomGrayscale({ factor: 2 })).toThrow('RandomGrayscale expects `factor` to be a probability in [0, 1]; received factor=2.');
    expect(() => new Solarization({ additionFactor: 1.5 })).toThrow('Solarization expects `additionFactor`');
    expect(() => new RandomHue(0.5, { valueRange: [0] as never })).toThrow('RandomHue expects `valueRange` to be a list of two numbers [low, high]; received [0].');
    expect(() => new RandomGaussianBlur({ kernelSize: 4 })).toThrow('RandomGaussianBlur expects `kernelSize` to be an odd positive integer or two of them; received kernelSize=4.');
    expect(() => new Equalization({ bins: 1 })).toThrow('Equalization expects `bins` to be an integer of at least 2; received bins=1.');
    expect(() => new RandomColorDegeneration(0.5).computeOutputShape([null, 4, 4, 1])).toThrow('RandomColorDegeneration expects images with 3 channels');
    const bad = tf.zeros([2, 3]);
    expect(() => new RandomInvert().apply(bad, { training: true })).toThrow('RandomInvert expects images of rank 3 (one image) or 4 (a batch); received a tensor of shape [2,3].');
    bad.dispose();
  });
});
