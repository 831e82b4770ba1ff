import * as tf from '@tensorflow/tfjs-core';
import { type DatasetFile, type LocateOptions, readDatasetFile } from '../files/locate';
import { parseIdx } from '../formats/idx';

/** `[[xTrain, yTrain], [xTest, yTest]]`, as Keras's `load_data` returns. */
export type ImageClassificationData = [[tf.Tensor, tf.Tensor1D], [tf.Tensor, tf.Tensor1D]];

export interface IdxFiles {
  trainImages: DatasetFile;
  trainLabels: DatasetFile;
  testImages: DatasetFile;
  testLabels: DatasetFile;
}

/**
 * Builds the int32 tensors for one split. Pixels stay 0..255 as Keras's
 * uint8 arrays: tfjs has no uint8 dtype, and int32 keeps the values exact and
 * integer (divide by 255 with `tf.div` to get Keras tutorials' floats).
 */
export function toImageTensors(
  images: { shape: number[]; data: ArrayLike<number> },
  labels: { shape: number[]; data: ArrayLike<number> },
  name: string,
): [tf.Tensor, tf.Tensor1D] {
  if (images.shape[0] !== labels.shape[0] || labels.shape.length !== 1) {
    throw new Error(
      `${name}: the images have shape [${images.shape.join(', ')}] and the labels [${labels.shape.join(', ')}]; ` +
        'expected one label per image.',
    );
  }
  return [
    tf.tensor(Int32Array.from(images.data), images.shape, 'int32'),
    tf.tensor1d(Int32Array.from(labels.data), 'int32'),
  ];
}

/** Loads the four gzipped IDX files of an MNIST-layout data set. */
export async function loadIdxDataset(files: IdxFiles, options: LocateOptions): Promise<ImageClassificationData> {
  const read = async (file: DatasetFile, dimensions: number) =>
    parseIdx(await readDatasetFile(file, options), file.name, dimensions);
  // allSettled, not all: a failure must not return while the other reads (maybe downloads) still run.
  const results = await Promise.allSettled([
    read(files.trainImages, 3),
    read(files.trainLabels, 1),
    read(files.testImages, 3),
    read(files.testLabels, 1),
  ]);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  const [trainImages, trainLabels, testImages, testLabels] = results.map(
    (r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof read>>>).value,
  );
  const train = toImageTensors(trainImages, trainLabels, `${files.trainImages.name} and ${files.trainLabels.name}`);
  const test = toImageTensors(testImages, testLabels, `${files.testImages.name} and ${files.testLabels.name}`);
  return [train, test];
}
