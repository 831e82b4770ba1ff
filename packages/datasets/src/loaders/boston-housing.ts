import * as tf from '@tensorflow/tfjs-core';
import { type LocateOptions, readDatasetFile } from '../files/locate';
import { parseNpz } from '../npy';
import { RandomState } from '../rng';
import { BOSTON_HOUSING_FILE } from './known-files';
import { optionsWithPath } from './path-argument';

export interface BostonHousingOptions extends LocateOptions {
  /** Fraction of the data kept for testing (Keras's default 0.2). */
  testSplit?: number;
  /** Seed of the shuffle before splitting (Keras's default 113). */
  seed?: number;
}

/**
 * Loads Boston Housing as `keras.datasets.boston_housing.load_data()`: the
 * rows are shuffled with NumPy's `RandomState(seed).shuffle` (reproduced by
 * `RandomState`), then the first `int(n * (1 - testSplit))` rows train.
 * x (N, 13) and y (N,) are float32 tensors (Keras's are float64).
 */
export async function loadData(
  pathOrOptions?: string | BostonHousingOptions,
  rest?: Omit<BostonHousingOptions, 'path'>,
): Promise<[[tf.Tensor2D, tf.Tensor1D], [tf.Tensor2D, tf.Tensor1D]]> {
  const options = optionsWithPath<BostonHousingOptions>('bostonHousing.loadData', pathOrOptions, rest);
  const testSplit = options.testSplit ?? 0.2;
  if (!(testSplit >= 0 && testSplit < 1)) throw new Error(`bostonHousing.loadData expects 0 <= testSplit < 1, received ${testSplit}.`);
  const arrays = parseNpz(await readDatasetFile(BOSTON_HOUSING_FILE, options), BOSTON_HOUSING_FILE.name);
  const x = arrays.get('x');
  const y = arrays.get('y');
  if (x === undefined || y === undefined || x.shape.length !== 2 || y.shape[0] !== x.shape[0]) {
    throw new Error(`${BOSTON_HOUSING_FILE.name} must hold arrays x (N, 13) and y (N,); found ${[...arrays.keys()].join(', ')}.`);
  }
  const [rows, columns] = x.shape;
  const indices = new RandomState(options.seed ?? 113).permutation(rows);
  const trainCount = Math.floor(rows * (1 - testSplit));
  const take = (start: number, end: number): [tf.Tensor2D, tf.Tensor1D] => {
    const features = new Float32Array((end - start) * columns);
    const targets = new Float32Array(end - start);
    for (let row = start; row < end; row++) {
      const source = indices[row];
      for (let column = 0; column < columns; column++) {
        features[(row - start) * columns + column] = Number(x.data[source * columns + column]);
      }
      targets[row - start] = Number(y.data[source]);
    }
    return [tf.tensor2d(features, [end - start, columns]), tf.tensor1d(targets)];
  };
  return [take(0, trainCount), take(trainCount, rows)];
}
