// CTC beam search with the semantics of Keras's JAX and torch backends: each beam is a (path, emit score, blank
// score) pair, beams with equal paths merge in log space, and ties break as Keras's stable argsorts do.
import * as tf from '@tensorflow/tfjs-core';

const PAD = -1;

function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY && b === Number.NEGATIVE_INFINITY) return a;
  const top = Math.max(a, b);
  return top + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** Indices that sort `values` ascending, ties kept in index order (a stable argsort). */
function argsort(values: number[]): number[] {
  return values.map((_, i) => i).sort((i, j) => (values[i] < values[j] ? -1 : values[i] > values[j] ? 1 : i - j));
}

function compareRows(a: Int32Array, b: Int32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** The distinct paths sorted as rows (jnp.unique), padded with all-PAD rows to `size`, and each path's row. */
function uniquePaths(paths: Int32Array[], size: number): { unique: Int32Array[]; inverse: number[] } {
  const byKey = new Map<string, Int32Array>();
  for (const path of paths) byKey.set(path.join(','), path);
  const sorted = [...byKey.values()].sort(compareRows);
  const rowOf = new Map(sorted.map((path, i) => [path.join(','), i]));
  const inverse = paths.map((path) => rowOf.get(path.join(',')) as number);
  const length = paths[0].length;
  while (sorted.length < size) sorted.push(new Int32Array(length).fill(PAD));
  return { unique: sorted, inverse };
}

/** Log-space sums of `scores` into `count` buckets, shifted by the largest score as Keras does. */
function mergeScores(inverse: number[], scores: number[], count: number): number[] {
  const top = Math.max(...scores);
  const sums = new Array<number>(count).fill(0);
  inverse.forEach((row, i) => {
    sums[row] += Math.exp(scores[i] - top);
  });
  return sums.map((sum) => Math.log(sum) + top);
}

interface Beams {
  paths: Int32Array[];
  scores: number[];
  masked: boolean[];
}

function extend(beams: Beams, step: number[], classes: number, blank: number): Beams {
  const paths: Int32Array[] = [];
  const scores: number[] = [];
  const masked: boolean[] = [];
  beams.paths.forEach((path, b) => {
    let tail = path.indexOf(PAD);
    if (tail < 0) tail = 0; // argmax of an all-false row is 0, as in Keras
    const last = tail === 0 ? PAD : path[tail - 1];
    for (let c = 0; c < classes; c++) {
      const label = c === blank ? PAD : c;
      const isBlank = label === PAD;
      const repeat = !beams.masked[b] && last === label;
      const next = path.slice();
      next[tail] = repeat ? PAD : label;
      paths.push(next);
      scores.push(beams.scores[b] + step[c]);
      masked.push(isBlank);
    }
  });
  return { paths, scores, masked };
}

function prune(beams: Beams, classes: number, beamWidth: number): Beams {
  const { unique, inverse } = uniquePaths(beams.paths, 2 * classes * beamWidth);
  const emit = mergeScores(inverse, beams.scores.map((s, i) => (beams.masked[i] ? Number.NEGATIVE_INFINITY : s)), unique.length);
  const blank = mergeScores(inverse, beams.scores.map((s, i) => (beams.masked[i] ? s : Number.NEGATIVE_INFINITY)), unique.length);
  const total = emit.map((e, i) => logAddExp(e, blank[i]));
  const top = argsort(total).slice(-beamWidth);
  const kept = top.map((i) => unique[i]);
  return {
    paths: [...kept, ...kept.map((path) => path.slice())],
    scores: [...top.map((i) => emit[i]), ...top.map((i) => blank[i])],
    masked: [...top.map(() => false), ...top.map(() => true)],
  };
}

/**
 * Beam search over log-probabilities `logProbs` (batch, time, classes). Reads the values on the CPU: which beams
 * survive each step depends on them, so the search cannot stay on the device. Returns [(topPaths, batch, time)
 * label paths padded with -1, (batch, topPaths) log-probabilities].
 */
export function ctcBeamSearch(logProbs: tf.Tensor, lengths: tf.Tensor, beamWidth: number, topPaths: number, blankIndex: number): [tf.Tensor, tf.Tensor] {
  const [batch, time, classes] = logProbs.shape;
  if (topPaths > 2 * classes * beamWidth) throw new RangeError(`ctc_decode: topPaths (${topPaths}) cannot exceed 2 * classes * beamWidth (${2 * classes * beamWidth}).`);
  const values = logProbs.arraySync() as number[][][];
  const lengthValues = lengths.arraySync() as number[];
  // Keras flips the class order so that its ascending argsorts break ties toward the lower original class.
  const flip = (c: number) => classes - 1 - c;
  const blank = flip(blankIndex);
  const allPaths: number[][][] = Array.from({ length: topPaths }, () => []);
  const allScores: number[][] = [];
  for (let b = 0; b < batch; b++) {
    const x = values[b].map((row) => row.map((_, c) => row[flip(c)]));
    const initial = Math.min(classes, beamWidth);
    const best = argsort(x[0]).slice(-initial);
    let beams: Beams = {
      paths: Array.from({ length: 2 * beamWidth }, () => new Int32Array(time).fill(PAD)),
      scores: new Array<number>(2 * beamWidth).fill(Number.NEGATIVE_INFINITY),
      masked: [],
    };
    best.forEach((c, i) => {
      beams.paths[i][0] = c === blank ? PAD : c;
      beams.scores[i] = x[0][c];
    });
    beams.masked = beams.paths.map((path) => path[0] === PAD);
    for (let t = 1; t < lengthValues[b]; t++) beams = prune(extend(beams, x[t], classes, blank), classes, beamWidth);
    const { unique, inverse } = uniquePaths(beams.paths, 2 * classes * beamWidth);
    const merged = mergeScores(inverse, beams.scores, unique.length);
    const chosen = argsort(merged).slice(-topPaths).reverse();
    chosen.forEach((row, k) => allPaths[k].push(Array.from(unique[row], (c) => (c === PAD ? PAD : flip(c)))));
    allScores.push(chosen.map((row) => merged[row]));
  }
  return [tf.tensor3d(allPaths.flat(2), [topPaths, batch, time], 'int32'), tf.tensor2d(allScores.flat(), [batch, topPaths], 'float32')];
}
