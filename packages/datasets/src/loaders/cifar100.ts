import type * as tf from '@tensorflow/tfjs-core';
import { type LocateOptions, readDatasetFile } from '../files/locate';
import { parseTar } from '../formats/tar';
import { readBatch, stackBatches } from './cifar10';
import { CIFAR100_FILE } from './known-files';
import { optionsWithPath } from './path-argument';

export interface Cifar100Options extends LocateOptions {
  /** 'fine' (default): the 100 classes; 'coarse': the 20 superclasses. */
  labelMode?: 'fine' | 'coarse';
}

/**
 * Loads CIFAR-100 as `keras.datasets.cifar100.load_data(label_mode)`: x (N, 32,
 * 32, 3) pixels 0..255 (channels last, Keras's default) and y (N, 1) labels,
 * 0..99 fine or 0..19 coarse; 50,000 train and 10,000 test images, as int32
 * tensors. Reads `cifar-100-python.tar.gz` (its `train` and `test` pickles),
 * the same format as CIFAR-10's batches. `path` may name the .tar.gz file.
 */
export async function loadData(
  pathOrOptions?: string | Cifar100Options,
  rest?: Omit<Cifar100Options, 'path'>,
): Promise<[[tf.Tensor4D, tf.Tensor2D], [tf.Tensor4D, tf.Tensor2D]]> {
  const options = optionsWithPath<Cifar100Options>('cifar100.loadData', pathOrOptions, rest);
  const labelMode = options.labelMode ?? 'fine';
  if (labelMode !== 'fine' && labelMode !== 'coarse') {
    throw new Error(`cifar100.loadData: labelMode must be one of 'fine', 'coarse'. Received: labelMode=${String(labelMode)}.`);
  }
  const archive = parseTar(await readDatasetFile(CIFAR100_FILE, options), CIFAR100_FILE.name);
  const read = (name: string) =>
    stackBatches([readBatch(archive, `cifar-100-python/${name}`, { labelKey: `${labelMode}_labels`, archiveName: CIFAR100_FILE.name })]);
  return [read('train'), read('test')];
}
