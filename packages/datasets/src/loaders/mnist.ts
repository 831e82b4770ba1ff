import { type LocateOptions, MissingFileError, readDatasetFile } from '../files/locate';
import { parseNpz } from '../npy';
import { type ImageClassificationData, loadIdxDataset, toImageTensors } from './idx-loader';
import { MNIST_FILES } from './known-files';
import { optionsWithPath } from './path-argument';

export type MnistOptions = LocateOptions;

const KERAS_KEYS = ['x_train', 'y_train', 'x_test', 'y_test'] as const;

/**
 * Loads MNIST as Keras's `keras.datasets.mnist.load_data()`: x (N, 28, 28)
 * pixels 0..255 and y (N,) labels 0..9, both int32 tensors (see
 * `toImageTensors` for why int32). `path` (the first argument, as in Keras,
 * or `options.path`) may name Keras's `mnist.npz`, or a
 * folder with the four gzipped IDX files. Otherwise a `mnist.npz` found
 * locally is read, else the IDX files are found or downloaded.
 * The caller owns the four tensors and disposes them.
 */
export async function loadData(
  pathOrOptions?: string | MnistOptions,
  rest?: Omit<MnistOptions, 'path'>,
): Promise<ImageClassificationData> {
  const options = optionsWithPath<MnistOptions>('mnist.loadData', pathOrOptions, rest);
  if (options.path !== undefined && !(await isDirectory(options.path))) {
    return fromNpz(await readDatasetFile(MNIST_FILES.npz, options), options.path);
  }
  if (options.path === undefined) {
    try {
      return fromNpz(await readDatasetFile(MNIST_FILES.npz, options, { download: false }), 'mnist.npz');
    } catch (error) {
      if (!(error instanceof MissingFileError)) throw error;
    }
  }
  return loadIdxDataset(MNIST_FILES, options);
}

/** Reads arrays in Keras's `mnist.npz` layout. */
export function fromNpz(bytes: Uint8Array, name: string): ImageClassificationData {
  const arrays = parseNpz(bytes, name);
  const missing = KERAS_KEYS.filter((key) => !arrays.has(key));
  if (missing.length > 0) {
    throw new Error(
      `${name} lacks the array(s) ${missing.join(', ')}; an MNIST .npz holds ${KERAS_KEYS.join(', ')} ` +
        `(found: ${[...arrays.keys()].join(', ') || 'none'}).`,
    );
  }
  const get = (key: (typeof KERAS_KEYS)[number], dimensions: number) => {
    const array = arrays.get(key)!;
    if (array.shape.length !== dimensions || array.data instanceof BigInt64Array || /^f/.test(array.dtype)) {
      throw new Error(
        `${name}: ${key} has dtype ${array.dtype} and shape [${array.shape.join(', ')}], ` +
          `expected an integer array with ${dimensions} dimension(s).`,
      );
    }
    return array as { shape: number[]; data: ArrayLike<number> };
  };
  return [
    toImageTensors(get('x_train', 3), get('y_train', 1), `${name} (x_train, y_train)`),
    toImageTensors(get('x_test', 3), get('y_test', 1), `${name} (x_test, y_test)`),
  ];
}

async function isDirectory(path: string): Promise<boolean> {
  const fs = await import(/* webpackIgnore: true */ 'node:fs');
  return fs.existsSync(path) && fs.statSync(path).isDirectory();
}
