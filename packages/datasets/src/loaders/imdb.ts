import * as tf from '@tensorflow/tfjs-core';
import { unzipSync } from 'fflate';
import { type LocateOptions, readDatasetFile } from '../files/locate';
import { asPickledArray, unpickle } from '../formats/pickle';
import { parseNpy } from '../npy';
import { RandomState } from '../rng';
import { IMDB_FILE } from './known-files';
import { optionsWithPath } from './path-argument';

export { getWordIndex } from './imdb-word-index';

export interface ImdbOptions extends LocateOptions {
  /** Keep only the `numWords` most frequent words; rarer ones become `oovChar`. */
  numWords?: number;
  /** Skip the `skipTop` most frequent words (they become `oovChar`). */
  skipTop?: number;
  /** Drop reviews whose length (with the start character) is `maxlen` or more, as Keras does. */
  maxlen?: number;
  seed?: number;
  startChar?: number | null;
  oovChar?: number | null;
  indexFrom?: number;
}

/** A split of IMDB: ragged word-index sequences (plain arrays, as tensors cannot be ragged) and int32 labels. */
export type ImdbSplit = [number[][], tf.Tensor1D];

/**
 * Loads IMDB as `keras.datasets.imdb.load_data()`, with Keras's defaults and
 * order of steps: shuffle train then test with one `RandomState(seed)`, add
 * `startChar` (1) and shift indices by `indexFrom` (3), drop long reviews,
 * then replace words outside [skipTop, numWords) by `oovChar` (2).
 * `imdb.npz` stores the reviews as NumPy object arrays, i.e. pickles, which
 * are read by a small unpickler that builds only arrays and lists.
 */
export async function loadData(
  pathOrOptions?: string | ImdbOptions,
  rest?: Omit<ImdbOptions, 'path'>,
): Promise<[ImdbSplit, ImdbSplit]> {
  const options = optionsWithPath<ImdbOptions>('imdb.loadData', pathOrOptions, rest);
  const { numWords, skipTop = 0, maxlen, seed = 113, indexFrom = 3 } = options;
  const startChar = options.startChar === undefined ? 1 : options.startChar;
  const oovChar = options.oovChar === undefined ? 2 : options.oovChar;
  const arrays = readImdbNpz(await readDatasetFile(IMDB_FILE, options), IMDB_FILE.name);
  const random = new RandomState(seed);
  const shuffle = (x: number[][], y: number[]): [number[][], number[]] => {
    const indices = random.permutation(x.length);
    return [Array.from(indices, (i) => x[i]), Array.from(indices, (i) => y[i])];
  };
  let [xTrain, yTrain] = shuffle(arrays.x_train, arrays.y_train);
  let [xTest, yTest] = shuffle(arrays.x_test, arrays.y_test);
  const offset = (sequence: number[]) => {
    const shifted = sequence.map((word) => word + indexFrom);
    return startChar === null ? shifted : [startChar, ...shifted];
  };
  xTrain = xTrain.map(offset);
  xTest = xTest.map(offset);
  if (maxlen !== undefined) {
    [xTrain, yTrain] = removeLongSequences(maxlen, xTrain, yTrain);
    [xTest, yTest] = removeLongSequences(maxlen, xTest, yTest);
    if (xTrain.length === 0 || xTest.length === 0) {
      throw new Error(`imdb.loadData: after dropping reviews of length ${maxlen} or more, a split is empty; increase maxlen.`);
    }
  }
  let limit = numWords;
  if (limit === undefined) {
    limit = 0;
    for (const sequence of [...xTrain, ...xTest]) for (const word of sequence) limit = Math.max(limit, word);
  }
  const restrict = (sequence: number[]) =>
    oovChar === null
      ? sequence.filter((word) => skipTop <= word && word < limit)
      : sequence.map((word) => (skipTop <= word && word < limit ? word : oovChar));
  return [
    [xTrain.map(restrict), tf.tensor1d(yTrain, 'int32')],
    [xTest.map(restrict), tf.tensor1d(yTest, 'int32')],
  ];
}

/** Keras's `remove_long_seq`: keeps sequences strictly shorter than `maxlen`. */
function removeLongSequences(maxlen: number, x: number[][], y: number[]): [number[][], number[]] {
  const keptX: number[][] = [];
  const keptY: number[] = [];
  x.forEach((sequence, i) => {
    if (sequence.length < maxlen) {
      keptX.push(sequence);
      keptY.push(y[i]);
    }
  });
  return [keptX, keptY];
}

type ImdbArrays = { x_train: number[][]; y_train: number[]; x_test: number[][]; y_test: number[] };

/** Reads `imdb.npz`: x_* are object arrays of int lists (pickled), y_* integer arrays. */
export function readImdbNpz(bytes: Uint8Array, name: string): ImdbArrays {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (cause) {
    throw new Error(`${name} is not a valid .npz (zip) archive: ${(cause as Error).message}.`, { cause });
  }
  const result: Partial<ImdbArrays> = {};
  for (const key of ['x_train', 'x_test'] as const) {
    const entry = entries[`${key}.npy`];
    if (entry === undefined) throw new Error(`${name} lacks the array ${key}; expected x_train, y_train, x_test, y_test.`);
    const array = asPickledArray(unpickle(pickleOfObjectNpy(entry, `${name}: ${key}`), `${name}: ${key}`), `${name}: ${key}`);
    if (array.dtype !== 'O' || !Array.isArray(array.data) || !array.data.every(Array.isArray)) {
      throw new Error(`${name}: ${key} should be an object array of word-index lists, found dtype ${array.dtype}.`);
    }
    result[key] = array.data as number[][];
  }
  for (const key of ['y_train', 'y_test'] as const) {
    const entry = entries[`${key}.npy`];
    if (entry === undefined) throw new Error(`${name} lacks the array ${key}; expected x_train, y_train, x_test, y_test.`);
    result[key] = Array.from(parseNpy(entry, `${name}: ${key}`).data as ArrayLike<number | bigint>, Number);
  }
  const arrays = result as ImdbArrays;
  for (const split of ['train', 'test'] as const) {
    if (arrays[`x_${split}`].length !== arrays[`y_${split}`].length) {
      throw new Error(`${name}: x_${split} has ${arrays[`x_${split}`].length} reviews but y_${split} has ${arrays[`y_${split}`].length} labels.`);
    }
  }
  return arrays;
}

/** Returns the pickle that follows the header of a `.npy` file whose dtype is object ('|O'). */
function pickleOfObjectNpy(bytes: Uint8Array, name: string): Uint8Array {
  if (bytes[0] !== 0x93 || bytes[1] !== 0x4e) throw new Error(`${name} is not a NumPy .npy file: bad magic.`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [headerLength, start] = bytes[6] === 1 ? [view.getUint16(8, true), 10] : [view.getUint32(8, true), 12];
  const header = new TextDecoder().decode(bytes.subarray(start, start + headerLength));
  if (!/'descr':\s*'\|O'/.test(header)) throw new Error(`${name} is not an object array: header ${header.trim()}.`);
  return bytes.subarray(start + headerLength);
}
