import * as tf from '@tensorflow/tfjs-core';
import {
  AutoContrast,
  Discretization,
  Hashing,
  HashedCrossing,
  STFTSpectrogram,
  MelSpectrogram,
  CategoryEncoding,
  CenterCrop,
  ContrastLimitedAdaptiveHistogramEqualization,
  Equalization,
  IntegerLookup,
  Normalization,
  RandomBrightness,
  RandomColorDegeneration,
  RandomColorJitter,
  RandomContrast,
  RandomFlip,
  RandomGaussianBlur,
  RandomGrayscale,
  RandomHue,
  RandomInvert,
  RandomPosterization,
  RandomSaturation,
  RandomSharpness,
  RandomRotation,
  RandomTranslation,
  RandomZoom,
  Rescaling,
  Resizing,
  Solarization,
  StringLookup,
  TextVectorization,
} from '../../preprocessing';
import type { LayerSpecs } from '../describe-layer-tests';

const image = [2, 6, 5, 3];
/** Images in [0, 1] for the colour augmentation layers (value range [0, 1]). */
const unitImages = () => tf.randomUniform(image, 0, 1, 'float32', 11);
const colour = { inputData: unitImages, expectedOutputShape: image, seeded: true };

export const preprocessingSpecs: LayerSpecs = {
  Rescaling: { make: () => new Rescaling(0.5, { offset: 2 }), inputShape: [2, 4, 4, 3], expectedOutputShape: [2, 4, 4, 3] },
  Normalization: {
    make: () => new Normalization({ axis: -1, mean: [0.5, 1, 2], variance: [1, 4, 16] }),
    inputData: () => tf.tensor2d([[1.5, 3, 6], [0.5, -1, 2]]),
    expectedOutput: [[1, 1, 1], [0, -1, 0]],
  },
  CategoryEncoding: {
    make: () => new CategoryEncoding({ numTokens: 6, outputMode: 'count' }),
    inputData: () => tf.tensor2d([[0, 5, 5, 2], [1, 1, 1, 3]], undefined, 'int32'),
    expectedOutput: [[1, 0, 1, 0, 0, 2], [0, 3, 0, 1, 0, 0]],
    expectedOutputShape: [2, 6],
  },
  Resizing: { make: () => new Resizing(5, 3, { interpolation: 'nearest' }), inputShape: [2, 4, 6, 3], expectedOutputShape: [2, 5, 3, 3] },
  Discretization: {
    make: () => new Discretization({ binBoundaries: [0, 1, 2], outputMode: 'count' }),
    inputData: () => tf.tensor2d([[-1.5, 1, 3.4, 0.5], [0, 3, 1.3, 0]]),
    expectedOutput: [[1, 1, 1, 1], [0, 2, 1, 1]],
    expectedOutputShape: [2, 4],
  },
  Hashing: {
    make: () => new Hashing({ numBins: 3, outputMode: 'count' }),
    inputData: () => tf.tensor2d([[0, 1, 2, 3, 4]], undefined, 'int32'),
    expectedOutput: [[2, 2, 1]],
    expectedOutputShape: [1, 3],
  },
  HashedCrossing: {
    make: () => new HashedCrossing({ numBins: 5 }),
    inputData: () => [tf.tensor1d(['A', 'B', 'A', 'B', 'A'], 'string'), tf.tensor1d([101, 101, 101, 102, 102], 'int32')],
    expectedOutput: [1, 4, 1, 1, 3],
    expectedOutputShape: [5],
  },
  STFTSpectrogram: {
    // The linear mode, so that the finite-difference check of the harness is meaningful (magnitudes have kinks at 0).
    make: () => new STFTSpectrogram({ mode: 'stft', frameLength: 8, frameStep: 4 }),
    inputShape: [2, 32, 1],
    expectedOutputShape: [2, 7, 10],
    expectedTrainableWeights: 2,
  },
  MelSpectrogram: {
    make: () => new MelSpectrogram({ fftLength: 32, sequenceStride: 8, samplingRate: 8000, numMelBins: 6 }),
    inputShape: [2, 64],
    expectedOutputShape: [2, 6, 9],
    knownFailure: {
      wasm: "ops.stft's rfft needs tfjs's Complex kernel, which the wasm backend does not register",
      webgpu: "ops.stft's rfft on tfjs-backend-webgpu returns the wrong output shape ([6, 18] for [2, 6, 9])",
    },
  },
  AutoContrast: {
    make: () => new AutoContrast({ valueRange: [0, 1] }),
    inputData: () => tf.tensor4d([[[[0.2], [0.4]], [[0.3], [0.6]]]]),
    expectedOutput: [[[[0], [0.5]], [[0.25], [1]]]],
    expectedTrainableWeights: 0,
  },
  CenterCrop: { make: () => new CenterCrop(2, 3), inputShape: [2, 4, 5, 3], expectedOutputShape: [2, 2, 3, 3] },
  RandomFlip: { make: () => new RandomFlip('horizontal_and_vertical', { seed: 7 }), inputShape: image, expectedOutputShape: image, seeded: true },
  RandomRotation: { make: () => new RandomRotation([-0.2, 0.2], { fillMode: 'wrap', seed: 1 }), inputShape: image, expectedOutputShape: image, seeded: true },
  RandomZoom: { make: () => new RandomZoom([-0.2, 0.1], { seed: 3 }), inputShape: image, expectedOutputShape: image, seeded: true },
  RandomTranslation: {
    make: () => new RandomTranslation(0.1, [-0.2, 0.3], { fillMode: 'nearest', seed: 9 }),
    inputShape: image,
    expectedOutputShape: image,
    seeded: true,
  },
  RandomBrightness: { make: () => new RandomBrightness(0.4, { valueRange: [0, 1], seed: 5 }), ...colour },
  RandomContrast: { make: () => new RandomContrast([0.3, 0.6], { valueRange: [0, 1], seed: 6 }), ...colour },
  // Four images: a second call must change which of them turn grey (or invert), and two images could draw alike.
  RandomGrayscale: { make: () => new RandomGrayscale({ factor: 0.5, seed: 7 }), inputData: () => tf.randomUniform([4, 3, 3, 3], 0, 1, 'float32', 2), expectedOutputShape: [4, 3, 3, 3], seeded: true },
  RandomInvert: { make: () => new RandomInvert({ factor: 0.5, valueRange: [0, 1], seed: 8 }), inputData: () => tf.randomUniform([4, 3, 3, 3], 0, 1, 'float32', 3), expectedOutputShape: [4, 3, 3, 3], seeded: true },
  RandomPosterization: { make: () => new RandomPosterization([1, 8], { valueRange: [0, 1], seed: 9 }), ...colour },
  Solarization: { make: () => new Solarization({ additionFactor: 0.3, thresholdFactor: 0.6, valueRange: [0, 1], seed: 10 }), ...colour },
  RandomColorDegeneration: { make: () => new RandomColorDegeneration(0.5, { valueRange: [0, 1], seed: 11 }), ...colour },
  RandomSaturation: { make: () => new RandomSaturation([0.2, 0.8], { valueRange: [0, 1], seed: 12 }), ...colour },
  RandomHue: { make: () => new RandomHue(0.5, { valueRange: [0, 1], seed: 13 }), ...colour },
  RandomSharpness: { make: () => new RandomSharpness(0.8, { valueRange: [0, 1], seed: 14 }), ...colour },
  RandomColorJitter: {
    make: () => new RandomColorJitter({ valueRange: [0, 1], brightnessFactor: 0.2, contrastFactor: 0.3, saturationFactor: [0.3, 0.7], hueFactor: 0.2, seed: 15 }),
    ...colour,
  },
  RandomGaussianBlur: { make: () => new RandomGaussianBlur({ factor: [0.5, 1], sigma: [0.2, 1], valueRange: [0, 1], seed: 16 }), ...colour },
  Equalization: {
    make: () => new Equalization({ valueRange: [0, 1], bins: 4 }),
    inputData: () => tf.tensor4d([[[[0.1], [0.2]], [[0.6], [0.9]]]]),
    // The harness calls in inference, where Keras's Equalization passes images through (its numbers: augment-color.golden.test.ts).
    expectedOutput: [[[[0.1], [0.2]], [[0.6], [0.9]]]],
    expectedTrainableWeights: 0,
  },
  ContrastLimitedAdaptiveHistogramEqualization: {
    make: () => new ContrastLimitedAdaptiveHistogramEqualization({ valueRange: [0, 1], tileGridSize: [2, 2] }),
    inputData: unitImages,
    expectedOutputShape: image,
    expectedTrainableWeights: 0,
    knownFailure: { webgpu: 'tfjs-backend-webgpu has no cumulative sum over a rank-5 tensor ("Cumulative + for rank 5 is not yet supported")' },
  },
  // String and integer inputs: the lookup and text layers.
  StringLookup: [
    {
      make: () => new StringLookup({ vocabulary: ['a', 'b', 'c', 'd'] }),
      inputData: () => tf.tensor([['a', 'c', 'd'], ['d', 'z', 'b']]),
      expectedOutput: [[1, 3, 4], [4, 0, 2]],
      expectedOutputDtype: 'int32',
    },
    {
      make: () => new StringLookup({ vocabulary: ['a', 'b'], outputMode: 'multi_hot' }),
      inputData: () => tf.tensor([['a', 'a'], ['b', 'q']]),
      expectedOutput: [[0, 1, 0], [1, 0, 1]],
    },
  ],
  IntegerLookup: {
    make: () => new IntegerLookup({ vocabulary: [12, 36, 1138, 42] }),
    inputData: () => tf.tensor2d([[12, 1138, 42], [42, 1000, 36]], undefined, 'int32'),
    expectedOutput: [[1, 3, 4], [4, 0, 2]],
    expectedOutputDtype: 'int32',
  },
  TextVectorization: [
    {
      make: () => new TextVectorization({ vocabulary: ['the', 'cat', 'sat'], outputSequenceLength: 4 }),
      inputData: () => tf.tensor(['The cat sat', 'the dog!']),
      expectedOutput: [[2, 3, 4, 0], [2, 1, 0, 0]],
    },
    {
      make: () => new TextVectorization({ vocabulary: ['a', 'b'], outputMode: 'count' }),
      inputData: () => tf.tensor(['a b a', 'c']),
      expectedOutput: [[0, 2, 1], [1, 0, 0]],
    },
  ],
};
