import * as tf from '@tensorflow/tfjs-core';
import { type LocateOptions, readDatasetFile } from '../files/locate';
import { asPickledArray, unpickle } from '../formats/pickle';
import { parseTar } from '../formats/tar';
import { CIFAR10_FILE } from './known-files';
import { optionsWithPath } from './path-argument';

export type Cifar10Options = LocateOptions;

export const CLASS_NAMES = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
] as const;

const TRAIN_BATCHES = [1, 2, 3, 4, 5].map((index) => `cifar-10-batches-py/data_batch_${index}`);
const TEST_BATCH = 'cifar-10-batches-py/test_batch';

/**
 * Loads CIFAR-10 as `keras.datasets.cifar10.load_data()` with Keras's default
 * channels-last layout: x (N, 32, 32, 3) pixels 0..255 and y (N, 1) labels,
 * int32 tensors. Reads `cifar-10-python.tar.gz` itself: the tar is parsed and
 * each batch, a Python pickle, is read by a small unpickler that only builds
 * NumPy arrays and plain values. `path` may name the .tar.gz file.
 */
export async function loadData(
  pathOrOptions?: string | Cifar10Options,
  rest?: Omit<Cifar10Options, 'path'>,
): Promise<[[tf.Tensor4D, tf.Tensor2D], [tf.Tensor4D, tf.Tensor2D]]> {
  const options = optionsWithPath<Cifar10Options>('cifar10.loadData', pathOrOptions, rest);
  const archive = parseTar(await readDatasetFile(CIFAR10_FILE, options), CIFAR10_FILE.name);
  const train = readBatches(archive, TRAIN_BATCHES);
  const test = readBatches(archive, [TEST_BATCH]);
  return [train, test];
}

function readBatches(archive: Map<string, Uint8Array>, names: string[]): [tf.Tensor4D, tf.Tensor2D] {
  return stackBatches(names.map((name) => readBatch(archive, name)));
}

/** Stacks CIFAR batches into x (N, 32, 32, 3) and y (N, 1) int32 tensors, channels last. */
export function stackBatches(batches: Array<{ data: Uint8Array; labels: number[] }>): [tf.Tensor4D, tf.Tensor2D] {
  const count = batches.reduce((total, batch) => total + batch.labels.length, 0);
  const pixels = new Int32Array(count * 3072);
  const labels = new Int32Array(count);
  let row = 0;
  for (const batch of batches) {
    for (let i = 0; i < batch.labels.length; i++, row++) {
      labels[row] = batch.labels[i];
      // Keras transposes (N, 3, 32, 32) to (N, 32, 32, 3); the pickle stores channel planes.
      const source = i * 3072;
      const target = row * 3072;
      for (let pixel = 0; pixel < 1024; pixel++) {
        pixels[target + pixel * 3] = batch.data[source + pixel];
        pixels[target + pixel * 3 + 1] = batch.data[source + 1024 + pixel];
        pixels[target + pixel * 3 + 2] = batch.data[source + 2048 + pixel];
      }
    }
  }
  return [tf.tensor4d(pixels, [count, 32, 32, 3], 'int32'), tf.tensor2d(labels, [count, 1], 'int32')];
}

/**
 * Reads one CIFAR batch pickle: a dict with `data` (N, 3072) uint8 and the
 * labels under `labelKey` (a list of ints): `labels` in CIFAR-10,
 * `fine_labels` or `coarse_labels` in CIFAR-100, as Keras's `load_batch`.
 */
export function readBatch(
  archive: Map<string, Uint8Array>,
  name: string,
  { labelKey = 'labels', archiveName = CIFAR10_FILE.name }: { labelKey?: string; archiveName?: string } = {},
): { data: Uint8Array; labels: number[] } {
  const bytes = archive.get(name);
  if (bytes === undefined) throw new Error(`${archiveName} has no entry '${name}'; is it the CIFAR python archive?`);
  const batch = unpickle(bytes, name);
  if (!(batch instanceof Map)) throw new Error(`${name} does not hold a dict, as a CIFAR batch should.`);
  const data = asPickledArray(batch.get('data'), `${name}: data`);
  const labels = batch.get(labelKey) ?? (labelKey === 'labels' ? batch.get('fine_labels') : undefined);
  if (!(data.data instanceof Uint8Array) || data.dtype !== '|u1' || !Array.isArray(labels)) {
    throw new Error(`${name} has unexpected contents: data must be a uint8 array and ${labelKey} a list.`);
  }
  if (data.shape.length !== 2 || data.shape[1] !== 3072 || data.shape[0] !== labels.length) {
    throw new Error(
      `${name}: data has shape [${data.shape.join(', ')}] and there are ${labels.length} labels; ` +
        'expected [N, 3072] with N labels.',
    );
  }
  if (data.data.length !== data.shape[0] * 3072) {
    throw new Error(`${name} is truncated: data needs ${data.shape[0] * 3072} bytes, found ${data.data.length}.`);
  }
  return { data: data.data, labels: labels as number[] };
}
