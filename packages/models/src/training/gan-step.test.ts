import { useBackend } from '@strata/backend';
import { Conv2D, Conv2DTranspose, Dense, GlobalMaxPooling2D, Input, LeakyReLU, Reshape, clearSession, setRandomSeed } from '@strata/layers';
import { BinaryCrossentropy, type Loss } from '@strata/losses';
import { Mean } from '@strata/metrics';
import { Adam, type Optimizer } from '@strata/optimizers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Model } from '../model';
import { Sequential } from '../sequential';
import type { CompileArgs } from './compile';
import type { DatasetLike } from './data';
import type { StepLogs } from './step';
import type { StepData } from './step-methods';

/** The end-to-end GAN of Keras's guide "Customizing what happens in fit() with PyTorch", in TypeScript. */

beforeAll(async () => {
  await useBackend('cpu');
});

/** The guide's end-to-end GAN: two optimizers passed to its own compile, its own metrics and train step. */
class GAN extends Model {
  readonly dLossTracker = new Mean({ name: 'd_loss' });
  readonly gLossTracker = new Mean({ name: 'g_loss' });
  dOptimizer!: Optimizer;
  gOptimizer!: Optimizer;
  lossFn!: Loss;
  private seed = 1337;

  constructor(
    readonly discriminator: Sequential,
    readonly generator: Sequential,
    readonly latentDim: number,
  ) {
    super();
    this.built = true;
  }

  override get metrics() {
    return [this.dLossTracker, this.gLossTracker];
  }

  override compile(args: CompileArgs & { dOptimizer: Optimizer; gOptimizer: Optimizer; lossFn: Loss }): void {
    super.compile();
    this.dOptimizer = args.dOptimizer;
    this.gOptimizer = args.gOptimizer;
    this.lossFn = args.lossFn;
  }

  override trainStep(data: StepData): StepLogs {
    const realImages = data[0] as tf.Tensor4D;
    const batchSize = realImages.shape[0];
    // Decode random points of the latent space to fake images, and label them apart from the real ones.
    const randomLatentVectors = tf.randomNormal([batchSize, this.latentDim], 0, 1, 'float32', this.seed++);
    const generatedImages = this.generator.apply(randomLatentVectors) as tf.Tensor;
    const combinedImages = tf.concat([generatedImages, realImages], 0);
    let labels = tf.concat([tf.ones([batchSize, 1]), tf.zeros([batchSize, 1])], 0);
    // Add random noise to the labels - important trick!
    labels = tf.add(labels, tf.mul(0.05, tf.randomUniform(labels.shape, 0, 1, 'float32', this.seed++)));

    // Train the discriminator.
    const discriminatorStep = this.computeGradients(
      () => this.lossFn.compute(labels, this.discriminator.apply(combinedImages) as tf.Tensor) as tf.Scalar,
      this.discriminator.trainableWeights,
    );
    this.dOptimizer.apply(discriminatorStep.gradients, this.discriminator.trainableWeights);

    // Train the generator through the discriminator, whose weights do not move: "all real images".
    const moreLatentVectors = tf.randomNormal([batchSize, this.latentDim], 0, 1, 'float32', this.seed++);
    const misleadingLabels = tf.zeros([batchSize, 1]);
    const generatorStep = this.computeGradients(
      () => this.lossFn.compute(misleadingLabels, this.discriminator.apply(this.generator.apply(moreLatentVectors)) as tf.Tensor) as tf.Scalar,
      this.generator.trainableWeights,
    );
    this.gOptimizer.apply(generatorStep.gradients, this.generator.trainableWeights);

    this.dLossTracker.updateState(discriminatorStep.loss);
    this.gLossTracker.updateState(generatorStep.loss);
    return { d_loss: this.dLossTracker.result(), g_loss: this.gLossTracker.result() };
  }

  override dispose(): void {
    super.dispose();
    this.dLossTracker.dispose();
    this.gLossTracker.dispose();
  }
}

describe("the guide's GAN", () => {
  it('trains a discriminator and a generator with their own optimizers, from a Dataset of images only', async () => {
    clearSession();
    setRandomSeed(3);
    const latentDim = 8;
    const discriminator = new Sequential(
      [
        Input({ shape: [8, 8, 1] }),
        new Conv2D(8, 3, { strides: 2, padding: 'same' }),
        new LeakyReLU({ negativeSlope: 0.2 }),
        new GlobalMaxPooling2D(),
        new Dense(1),
      ],
      { name: 'discriminator' },
    );
    const generator = new Sequential(
      [
        Input({ shape: [latentDim] }),
        new Dense(4 * 4 * 8),
        new LeakyReLU({ negativeSlope: 0.2 }),
        new Reshape([4, 4, 8]),
        new Conv2DTranspose(8, 4, { strides: 2, padding: 'same' }),
        new LeakyReLU({ negativeSlope: 0.2 }),
        new Conv2D(1, 3, { padding: 'same', activation: 'sigmoid' }),
      ],
      { name: 'generator' },
    );
    const gan = new GAN(discriminator, generator, latentDim);
    const dOptimizer = new Adam({ learningRate: 0.0003 });
    const gOptimizer = new Adam({ learningRate: 0.0003 });
    gan.compile({ dOptimizer, gOptimizer, lossFn: new BinaryCrossentropy({ fromLogits: true }) });
    const images = tf.randomUniform([24, 8, 8, 1], 0, 1, 'float32', 21);
    const batches: DatasetLike = {
      async *[Symbol.asyncIterator]() {
        for (let start = 0; start < 24; start += 8) yield tf.slice(images, [start], [8]);
      },
    };
    const discriminatorBefore = discriminator.getWeights();
    const generatorBefore = generator.getWeights();
    const history = await gan.fit(batches, { epochs: 2, verbose: 0 });
    expect(Object.keys(history.history).sort()).toEqual(['d_loss', 'g_loss']);
    for (const value of [...history.history.d_loss, ...history.history.g_loss]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    // Each optimizer stepped once per batch, on its own network only; the compiled one never ran.
    expect(dOptimizer.iterations).toBe(6);
    expect(gOptimizer.iterations).toBe(6);
    expect(gan.optimizer?.iterations).toBe(0);
    const moved = (before: tf.Tensor[], after: tf.Tensor[]) =>
      tf.tidy(() => before.map((w, i) => tf.max(tf.abs(tf.sub(w, after[i]))).dataSync()[0]));
    const discriminatorAfter = discriminator.getWeights();
    const generatorAfter = generator.getWeights();
    expect(Math.min(...moved(discriminatorBefore, discriminatorAfter))).toBeGreaterThan(0);
    expect(Math.min(...moved(generatorBefore, generatorAfter))).toBeGreaterThan(0);
    // And x alone, without a Dataset, as Keras's fit(x) for a step that needs no targets; nothing is left behind.
    const before = tf.memory().numTensors;
    await gan.fit(images, { epochs: 1, batchSize: 12, verbose: 0 });
    expect(tf.memory().numTensors).toBe(before);
    expect(dOptimizer.iterations).toBe(8);
    tf.dispose([images, ...discriminatorBefore, ...generatorBefore, ...discriminatorAfter, ...generatorAfter]);
    gan.dispose();
    dOptimizer.dispose();
    gOptimizer.dispose();
  });
});
