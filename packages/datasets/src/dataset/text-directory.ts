import * as tf from '@tensorflow/tfjs-core';
import { randomSeed } from '../rng';
import { Dataset } from './dataset';
import { indexDirectory, trainingOrValidation } from './index-directory';

export interface TextDirectoryOptions {
  /** 'inferred' (default): one subfolder per class; null: texts only; or one integer label per file, in sorted file order. */
  labels?: 'inferred' | null | readonly number[];
  /** int: int32 (N,); categorical: float32 one-hot (N, classes); binary: float32 (N, 1); null: texts only. */
  labelMode?: 'int' | 'categorical' | 'binary' | null;
  /** Class folder names to use, in label order (default: every subfolder, sorted). */
  classNames?: string[];
  batchSize?: number | null;
  /** Texts longer than this many UTF-8 bytes are cut (as `tf.strings.substr`, which counts bytes). */
  maxLength?: number | null;
  shuffle?: boolean;
  seed?: number;
  validationSplit?: number;
  subset?: 'training' | 'validation' | 'both';
  followLinks?: boolean;
}

/** The Dataset of `textDatasetFromDirectory`, with the class names and the files it reads, in order. */
export class TextDirectoryDataset extends Dataset<[tf.Tensor, tf.Tensor] | tf.Tensor> {
  constructor(
    readonly classNames: string[] | null,
    readonly filePaths: string[],
    readonly fileLabels: number[] | null,
    source: Dataset<[tf.Tensor, tf.Tensor] | tf.Tensor>,
  ) {
    super(() => source[Symbol.asyncIterator]());
  }
}

/**
 * `keras.utils.text_dataset_from_directory` in Node: `.txt` files (any case
 * of the extension) listed and labelled as Keras's `index_directory` does,
 * shuffled once with `RandomState(seed)` (Keras's order for the same seed),
 * split with `validationSplit` (validation is the last fraction), then read
 * lazily, batch by batch, as `[texts (string tensor, (b,)), labels]`. With
 * `shuffle`, the training files are also reshuffled each iteration in a
 * buffer of `batchSize * 8`, as Keras's tf.data pipeline does (with Strata's
 * generator: tf.data's stream cannot be reproduced). The consumer disposes
 * each batch.
 */
export async function textDatasetFromDirectory(
  directory: string,
  options: TextDirectoryOptions & { subset: 'both' },
): Promise<[TextDirectoryDataset, TextDirectoryDataset]>;
export async function textDatasetFromDirectory(directory: string, options?: TextDirectoryOptions): Promise<TextDirectoryDataset>;
export async function textDatasetFromDirectory(
  directory: string,
  options: TextDirectoryOptions = {},
): Promise<TextDirectoryDataset | [TextDirectoryDataset, TextDirectoryDataset]> {
  const { labels = 'inferred', shuffle = true, validationSplit, subset, followLinks = false } = options;
  const batchSize = options.batchSize === undefined ? 32 : options.batchSize;
  let labelMode = options.labelMode === undefined ? 'int' : options.labelMode;
  if (labels === null) labelMode = null;
  if (labels !== 'inferred' && labels !== null && !Array.isArray(labels)) {
    throw new Error(`textDatasetFromDirectory: \`labels\` must be 'inferred', null or an array of integer labels. Received: labels=${String(labels)}.`);
  }
  if (labelMode !== null && !['int', 'categorical', 'binary'].includes(labelMode)) {
    throw new Error(`textDatasetFromDirectory: \`labelMode\` must be one of 'int', 'categorical', 'binary' or null. Received: labelMode=${String(labelMode)}.`);
  }
  if (batchSize !== null && !(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new Error(`textDatasetFromDirectory expects batchSize to be a positive integer or null, received ${batchSize}.`);
  }
  if (validationSplit !== undefined && !(validationSplit > 0 && validationSplit < 1)) {
    throw new Error(`textDatasetFromDirectory: \`validationSplit\` must be between 0 and 1, received: ${validationSplit}.`);
  }
  if (validationSplit !== undefined && subset === undefined) {
    throw new Error('textDatasetFromDirectory: if `subset` is set, `validationSplit` must be set, and inversely.');
  }
  if (subset !== undefined && !['training', 'validation', 'both'].includes(subset)) {
    throw new Error(`textDatasetFromDirectory: \`subset\` must be 'training', 'validation' or 'both'. Received: subset='${subset}'.`);
  }
  if (subset !== undefined && validationSplit === undefined) {
    throw new Error('textDatasetFromDirectory: if `subset` is set, `validationSplit` must be set, and inversely.');
  }
  if (validationSplit !== undefined && shuffle && options.seed === undefined) {
    throw new Error('textDatasetFromDirectory: if using `validationSplit` and shuffling the data, you must provide a `seed`, so that training and validation do not overlap.');
  }
  const seed = options.seed ?? randomSeed();
  const index = await indexDirectory(directory, { labels, formats: ['.txt'], classNames: options.classNames, shuffle, seed, followLinks });
  const classCount = index.classNames?.length ?? 0;
  if (labelMode === 'binary' && classCount !== 2) {
    throw new Error(
      `When passing \`labelMode: 'binary'\`, there must be exactly 2 class names. Received: classNames=[${index.classNames?.join(', ')}] in '${directory}'.`,
    );
  }
  const make = (part: 'training' | 'validation', shuffleFiles: boolean) => {
    const files = trainingOrValidation(index.filePaths, validationSplit, part);
    const fileLabels = index.labels && trainingOrValidation(index.labels, validationSplit, part);
    const group = batchSize ?? 1;
    let pairs = new Dataset<number>(async function* () {
      for (let i = 0; i < files.length; i++) yield i;
    });
    if (shuffleFiles) pairs = pairs.shuffle(batchSize === null ? 1024 : batchSize * 8, seed);
    const batches = new Dataset<[tf.Tensor, tf.Tensor] | tf.Tensor>(async function* () {
      let pending: number[] = [];
      for await (const i of pairs) {
        pending.push(i);
        if (pending.length === group) {
          yield await readBatch(pending, files, fileLabels, labelMode, classCount, options.maxLength ?? null, batchSize === null);
          pending = [];
        }
      }
      if (pending.length > 0) yield await readBatch(pending, files, fileLabels, labelMode, classCount, options.maxLength ?? null, batchSize === null);
    });
    return new TextDirectoryDataset(index.classNames, files, fileLabels, batches);
  };
  if (subset === 'both') return [make('training', shuffle), make('validation', false)];
  return make(subset ?? 'training', shuffle);
}

async function readBatch(
  picked: number[],
  files: string[],
  labels: number[] | null,
  labelMode: TextDirectoryOptions['labelMode'],
  classCount: number,
  maxLength: number | null,
  single: boolean,
): Promise<[tf.Tensor, tf.Tensor] | tf.Tensor> {
  const fs = await import('node:fs');
  const texts = await Promise.all(
    picked.map(async (i) => {
      const bytes = await fs.promises.readFile(files[i]);
      return new TextDecoder().decode(maxLength === null ? bytes : bytes.subarray(0, maxLength));
    }),
  );
  const textTensor = single ? tf.scalar(texts[0], 'string') : tf.tensor1d(texts, 'string');
  if (labelMode === null || labels === null) return textTensor;
  const values = picked.map((i) => labels[i]);
  const labelTensor = tf.tidy(() => {
    let batch: tf.Tensor;
    if (labelMode === 'int') batch = tf.tensor1d(values, 'int32');
    else if (labelMode === 'binary') batch = tf.tensor2d(values, [values.length, 1], 'float32');
    else batch = tf.cast(tf.oneHot(tf.tensor1d(values, 'int32'), classCount), 'float32');
    return single ? tf.squeeze(batch, [0]) : batch;
  });
  return [textTensor, labelTensor];
}
