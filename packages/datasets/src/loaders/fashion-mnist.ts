import type { LocateOptions } from '../files/locate';
import { type ImageClassificationData, loadIdxDataset } from './idx-loader';
import { FASHION_MNIST_FILES } from './known-files';
import { optionsWithPath } from './path-argument';

export type FashionMnistOptions = LocateOptions;

/** Fashion-MNIST's class names, index = label. */
export const CLASS_NAMES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
] as const;

/**
 * Loads Fashion-MNIST as `keras.datasets.fashion_mnist.load_data()`: x (N, 28,
 * 28) pixels 0..255 and y (N,) labels 0..9, int32 tensors, from the four
 * gzipped IDX files (a `path` folder holding them, or the search locations).
 * The caller owns the four tensors and disposes them.
 */
export function loadData(
  pathOrOptions?: string | FashionMnistOptions,
  rest?: Omit<FashionMnistOptions, 'path'>,
): Promise<ImageClassificationData> {
  const options = optionsWithPath<FashionMnistOptions>('fashionMnist.loadData', pathOrOptions, rest);
  return loadIdxDataset(FASHION_MNIST_FILES, options);
}
