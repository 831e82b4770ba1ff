import * as tf from '@tensorflow/tfjs-core';
import { RandomState, randomSeed } from '../rng';
import { type ColorMode, convertColorMode, decodeImage, imgToArray } from '../utils/image';
import { Dataset } from './dataset';

export interface ImageDirectoryOptions {
  /** `[height, width]` every image is resized to (Keras's default [256, 256]). */
  imageSize?: [number, number];
  colorMode?: ColorMode;
  batchSize?: number;
  shuffle?: boolean;
  seed?: number;
  /** Fraction of the files kept for validation, taken from the end after the seeded file shuffle. */
  validationSplit?: number;
  subset?: 'training' | 'validation' | 'both';
  /** int: int32 labels (N,); categorical: float32 one-hot (N, classes); binary: float32 (N, 1); null: images only. */
  labelMode?: 'int' | 'categorical' | 'binary' | null;
  /** Class folder names to use, in label order (default: every subfolder, sorted). */
  classNames?: string[];
}

/** The Dataset of `imageDatasetFromDirectory`, with the class names and files it found. */
export class ImageDirectoryDataset extends Dataset<[tf.Tensor4D, tf.Tensor] | tf.Tensor4D> {
  constructor(
    readonly classNames: string[],
    readonly filePaths: string[],
    readonly labels: number[],
    source: Dataset<[tf.Tensor4D, tf.Tensor] | tf.Tensor4D>,
  ) {
    super(() => source[Symbol.asyncIterator]());
  }
}

const IMAGE_EXTENSIONS = /\.(png|jpe?g)$/i;

/**
 * A batched image Dataset from a folder with one subfolder per class, as
 * `keras.utils.image_dataset_from_directory`: files listed per class in
 * sorted order, shuffled once with `RandomState(seed)` (as Keras shuffles
 * file paths), split with `validationSplit` (validation is the last
 * fraction), then read lazily, batch by batch. Images are decoded with
 * pngjs/jpeg-js and resized with `tf.image.resizeBilinear` (half-pixel
 * centres, as TensorFlow's `tf.image.resize`, which Keras uses here). Yields
 * `[images float32 (b, h, w, c) 0..255, labels]`, or images alone when
 * `labelMode` is null. Node only. The consumer disposes each batch.
 */
export async function imageDatasetFromDirectory(
  directory: string,
  options: ImageDirectoryOptions & { subset: 'both' },
): Promise<[ImageDirectoryDataset, ImageDirectoryDataset]>;
export async function imageDatasetFromDirectory(directory: string, options?: ImageDirectoryOptions): Promise<ImageDirectoryDataset>;
export async function imageDatasetFromDirectory(
  directory: string,
  options: ImageDirectoryOptions = {},
): Promise<ImageDirectoryDataset | [ImageDirectoryDataset, ImageDirectoryDataset]> {
  const { imageSize = [256, 256], colorMode = 'rgb', batchSize = 32, shuffle = true, validationSplit, subset } = options;
  const labelMode = options.labelMode === undefined ? 'int' : options.labelMode;
  if ((validationSplit === undefined) !== (subset === undefined)) {
    throw new Error('imageDatasetFromDirectory needs validationSplit and subset together (or neither).');
  }
  if (validationSplit !== undefined && !(validationSplit > 0 && validationSplit < 1)) {
    throw new Error(`imageDatasetFromDirectory expects 0 < validationSplit < 1, received ${validationSplit}.`);
  }
  const [fs, path] = await Promise.all([import(/* webpackIgnore: true */ 'node:fs'), import(/* webpackIgnore: true */ 'node:path')]);
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory()) {
    throw new Error(`imageDatasetFromDirectory: ${directory} is not a directory.`);
  }
  const folders = fs.readdirSync(directory, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const classNames = options.classNames ?? folders;
  for (const name of classNames) {
    if (!folders.includes(name)) throw new Error(`imageDatasetFromDirectory: class folder '${name}' is not in ${directory}.`);
  }
  if (labelMode === 'binary' && classNames.length !== 2) {
    throw new Error(`labelMode 'binary' needs exactly 2 classes, found ${classNames.length} in ${directory}: ${classNames.join(', ')}.`);
  }
  let files: string[] = [];
  let labels: number[] = [];
  classNames.forEach((name, label) => {
    const classFiles = listImages(fs, path, path.join(directory, name));
    files.push(...classFiles);
    labels.push(...classFiles.map(() => label));
  });
  if (files.length === 0) throw new Error(`imageDatasetFromDirectory found no .png or .jpg files under ${directory}.`);
  const seed = options.seed ?? randomSeed();
  if (shuffle) {
    const order = new RandomState(seed).permutation(files.length);
    files = Array.from(order, (i) => files[i]);
    labels = Array.from(order, (i) => labels[i]);
  }
  const make = (start: number, end: number, shuffleBatches: boolean) => {
    const subsetFiles = files.slice(start, end);
    const subsetLabels = labels.slice(start, end);
    let pairs: Dataset<[string, number]> = new Dataset(async function* () {
      for (let i = 0; i < subsetFiles.length; i++) yield [subsetFiles[i], subsetLabels[i]] as [string, number];
    });
    // Keras reshuffles the training files each epoch with a buffer of batchSize * 8.
    if (shuffleBatches) pairs = pairs.shuffle(batchSize * 8, seed);
    const batches = new Dataset(async function* () {
      let group: Array<[string, number]> = [];
      for await (const pair of pairs) {
        group.push(pair);
        if (group.length === batchSize) {
          yield await readBatch(group, imageSize, colorMode, labelMode, classNames.length);
          group = [];
        }
      }
      if (group.length > 0) yield await readBatch(group, imageSize, colorMode, labelMode, classNames.length);
    });
    return new ImageDirectoryDataset(classNames, subsetFiles, subsetLabels, batches);
  };
  if (validationSplit === undefined) return make(0, files.length, shuffle);
  const validationCount = Math.floor(validationSplit * files.length);
  const training = make(0, files.length - validationCount, shuffle);
  const validation = make(files.length - validationCount, files.length, false);
  if (subset === 'both') return [training, validation];
  if (subset === 'training') return training;
  if (subset === 'validation') return validation;
  throw new Error(`imageDatasetFromDirectory expects subset 'training', 'validation' or 'both', received '${subset}'.`);
}

function listImages(fs: typeof import('node:fs'), path: typeof import('node:path'), folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...listImages(fs, path, full));
    else if (IMAGE_EXTENSIONS.test(entry.name)) found.push(full);
  }
  return found;
}

async function readBatch(
  group: Array<[string, number]>,
  [height, width]: [number, number],
  colorMode: ColorMode,
  labelMode: ImageDirectoryOptions['labelMode'],
  classCount: number,
): Promise<[tf.Tensor4D, tf.Tensor] | tf.Tensor4D> {
  const fs = await import(/* webpackIgnore: true */ 'node:fs');
  const images = await Promise.all(
    group.map(async ([file]) => {
      const bytes = await fs.promises.readFile(file);
      return convertColorMode(await decodeImage(new Uint8Array(bytes), file), colorMode);
    }),
  );
  const batch = tf.tidy(() =>
    tf.stack(
      images.map((image) => {
        const pixels = imgToArray(image);
        if (image.height === height && image.width === width) return pixels;
        return tf.image.resizeBilinear(pixels, [height, width], false, true);
      }),
    ),
  ) as tf.Tensor4D;
  if (labelMode === null) return batch;
  const labels = group.map(([, label]) => label);
  if (labelMode === 'int') return [batch, tf.tensor1d(labels, 'int32')];
  if (labelMode === 'binary') return [batch, tf.tensor2d(labels, [labels.length, 1], 'float32')];
  return [batch, tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), classCount), 'float32'))];
}
