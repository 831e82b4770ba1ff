/**
 * The approximate quantiles of Keras's `Discretization.adapt`: a summary is
 * a pair of float32 rows (values, weights), built per batch, merged by a
 * sorted concatenation and compressed by interpolating cumulative weights,
 * in Keras's (NumPy's) order of float32 and float64 steps so that the bin
 * boundaries come out as Keras's.
 */
export interface QuantileSummary {
  values: Float32Array;
  weights: Float32Array;
}

export const emptySummary = (): QuantileSummary => ({ values: new Float32Array(0), weights: new Float32Array(0) });

/** NumPy's `arange(0, 1, step)`: ceil(1 / step) values `i * step`. */
function arangeUnit(step: number): number[] {
  return Array.from({ length: Math.ceil(1 / step) }, (_, i) => i * step);
}

/** NumPy's `interp(x, xp, fp)` for increasing `xp`: the ends clamp, a hit on a knot returns its value. */
export function interp(x: number, xp: ArrayLike<number>, fp: ArrayLike<number>): number {
  const n = xp.length;
  if (x < xp[0]) return fp[0];
  if (x > xp[n - 1]) return fp[n - 1];
  // The last knot at or before x, as NumPy's binary search finds it.
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (x >= xp[mid]) low = mid + 1;
    else high = mid;
  }
  const j = low - 1;
  if (j === n - 1 || xp[j] === x) return fp[j];
  const slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
  return slope * (x - xp[j]) + fp[j];
}

/** Keras's `summarize`: every `step`-th sorted value, each weighing `step`, where `step` = max(size * epsilon, 1). */
export function summarize(data: ArrayLike<number>, epsilon: number): QuantileSummary {
  const sorted = Float32Array.from(data).sort();
  const step = Math.max(sorted.length / (1 / epsilon), 1);
  const values: number[] = [];
  for (let i = Math.trunc(step - 1); i < sorted.length; i += Math.trunc(step)) values.push(sorted[i]);
  return { values: Float32Array.from(values), weights: new Float32Array(values.length).fill(step) };
}

/** Keras's `compress_summary`: a summary longer than 1 / epsilon becomes 1 / epsilon points of equal cumulative weight. */
export function compressSummary(summary: QuantileSummary, epsilon: number): QuantileSummary {
  const n = summary.values.length;
  if (n * epsilon < 1) return summary;
  const percents = arangeUnit(epsilon).map((value) => epsilon + value);
  // NumPy's float32 cumsum and division, then float64 interpolation.
  const cumulative = new Float32Array(n);
  let running = 0;
  for (let i = 0; i < n; i++) {
    running = Math.fround(running + summary.weights[i]);
    cumulative[i] = running;
  }
  const cumulativePercents = cumulative.map((weight) => weight / cumulative[n - 1]);
  const values = percents.map((p) => interp(p, cumulativePercents, summary.values));
  const cumulativeWeights = percents.map((p) => interp(p, cumulativePercents, cumulative));
  const weights = cumulativeWeights.map((weight, i) => weight - (i === 0 ? 0 : cumulativeWeights[i - 1]));
  return { values: Float32Array.from(values), weights: Float32Array.from(weights) };
}

/** Keras's `merge_summaries`: both summaries sorted together by value, then compressed. */
export function mergeSummaries(first: QuantileSummary, second: QuantileSummary, epsilon: number): QuantileSummary {
  const values = [...first.values, ...second.values];
  const weights = [...first.weights, ...second.weights];
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  return compressSummary({ values: Float32Array.from(order, (i) => values[i]), weights: Float32Array.from(order, (i) => weights[i]) }, epsilon);
}

/** Keras's `get_bin_boundaries`: the summary compressed to `numBins` points, less the last. */
export function binBoundaries(summary: QuantileSummary, numBins: number): number[] {
  return Array.from(compressSummary(summary, 1 / numBins).values.slice(0, -1));
}
