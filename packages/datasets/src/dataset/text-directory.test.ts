import { join, relative } from 'node:path';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataUtilsGolden, textTreeDirectory } from '../test-support/data-utils-golden';
import { indexDirectory } from './index-directory';
import { type TextDirectoryDataset, type TextDirectoryOptions, textDatasetFromDirectory } from './text-directory';

beforeAll(() => useBackend('cpu'));

function optionsOf(kwargs: Record<string, unknown>): TextDirectoryOptions {
  return {
    shuffle: kwargs.shuffle as boolean,
    seed: kwargs.seed as number | undefined,
    classNames: kwargs.class_names as string[] | undefined,
    validationSplit: kwargs.validation_split as number | undefined,
    subset: kwargs.subset as TextDirectoryOptions['subset'],
  };
}

async function readAll(dataset: TextDirectoryDataset) {
  const texts: string[] = [];
  const labels: number[][] = [];
  for await (const batch of dataset) {
    const [x, y] = batch as [tf.Tensor, tf.Tensor];
    texts.push(...(x.arraySync() as unknown as string[]));
    labels.push(...(y.rank === 1 ? Array.from(y.dataSync(), (v) => [v]) : (y.arraySync() as number[][])));
    tf.dispose([x, y]);
  }
  return { texts, labels };
}

describe('textDatasetFromDirectory', () => {
  for (const golden of dataUtilsGolden.text_directory) {
    it(`lists, labels and orders the files as Keras's index_directory: ${golden.name}`, async () => {
      const options = optionsOf(golden.kwargs);
      const index = await indexDirectory(textTreeDirectory, { formats: ['.txt'], classNames: options.classNames, shuffle: options.shuffle, seed: options.seed ?? 0 });
      expect(index.classNames).toEqual(golden.class_names);
      const dataset = (await textDatasetFromDirectory(textTreeDirectory, { ...options, shuffle: options.shuffle, batchSize: 3 })) as TextDirectoryDataset;
      expect(dataset.filePaths.map((file) => relative(textTreeDirectory, file).split('\\').join('/'))).toEqual(golden.paths);
      expect(dataset.fileLabels).toEqual(golden.labels);
      expect(dataset.classNames).toEqual(golden.class_names);
      if (!options.shuffle) {
        // Unshuffled, the batches are Keras's texts and labels in Keras's order.
        const before = tf.memory().numTensors;
        const { texts, labels } = await readAll(dataset);
        expect(texts).toEqual(golden.texts);
        expect(labels.flat()).toEqual(golden.labels);
        expect(tf.memory().numTensors).toBe(before);
      }
    });
  }

  it("gives both subsets at once with subset 'both', the validation side unshuffled", async () => {
    const [training, validation] = await textDatasetFromDirectory(textTreeDirectory, { validationSplit: 0.3, subset: 'both', seed: 7, batchSize: 2 });
    const expectTraining = dataUtilsGolden.text_directory.find((g) => g.name === 'split-training')!;
    const expectValidation = dataUtilsGolden.text_directory.find((g) => g.name === 'split-validation')!;
    const relativePaths = (files: string[]) => files.map((file) => relative(textTreeDirectory, file).split('\\').join('/'));
    expect(relativePaths(training.filePaths)).toEqual(expectTraining.paths);
    expect(relativePaths(validation.filePaths)).toEqual(expectValidation.paths);
    expect((await readAll(validation)).texts).toEqual(expectValidation.texts);
    const trainingRead = await readAll(training);
    expect([...trainingRead.texts].sort()).toEqual([...expectTraining.texts].sort());
    // Each text keeps its own label through the per-epoch shuffle.
    trainingRead.texts.forEach((text, i) => {
      expect(trainingRead.labels[i][0]).toBe(expectTraining.labels[expectTraining.texts.indexOf(text)]);
    });
  });

  it('one-hot and binary labels, maxLength in bytes, unbatched elements', async () => {
    const categorical = await textDatasetFromDirectory(textTreeDirectory, { shuffle: false, labelMode: 'categorical', maxLength: 4, batchSize: 20 });
    const { texts, labels } = await readAll(categorical);
    const golden = dataUtilsGolden.text_directory.find((g) => g.name === 'sorted')!;
    expect(texts).toEqual(golden.texts.map((text) => text.slice(0, 4)));
    expect(labels).toEqual(golden.labels.map((label) => [0, 1, 2].map((c) => (c === label ? 1 : 0))));
    const binary = await textDatasetFromDirectory(textTreeDirectory, { shuffle: false, labelMode: 'binary', classNames: ['neg', 'pos'], batchSize: null });
    const elements = await binary.toArray();
    expect(elements.length).toBe(7);
    const [text, label] = elements[0] as [tf.Tensor, tf.Tensor];
    expect(text.rank).toBe(0);
    expect(text.arraySync()).toBe('Upper-case extension is accepted');
    expect(label.shape).toEqual([1]);
    expect(label.dataSync()[0]).toBe(0);
    tf.dispose(elements.flat());
    const unlabelled = await textDatasetFromDirectory(join(textTreeDirectory, 'pos'), { labels: null, shuffle: false, batchSize: 10 });
    const [only] = await unlabelled.toArray();
    expect((only as tf.Tensor).arraySync()).toEqual(['loved it, loved it, loved it', 'fine', 'great', 'wonderful acting throughout the whole film']);
    tf.dispose(only);
  });

  it('explains bad arguments', async () => {
    await expect(textDatasetFromDirectory(textTreeDirectory, { labelMode: 'binary' })).rejects.toThrow(/exactly 2 class names. Received: classNames=\[neg, neutral, pos\]/);
    await expect(textDatasetFromDirectory(textTreeDirectory, { classNames: ['pos', 'cats'] })).rejects.toThrow(/did not match the names of the subdirectories/);
    await expect(textDatasetFromDirectory(textTreeDirectory, { validationSplit: 0.2, subset: 'training' })).rejects.toThrow(/you must provide a `seed`/);
    await expect(textDatasetFromDirectory(join(textTreeDirectory, 'missing'))).rejects.toThrow(/is not a directory/);
  });
});
