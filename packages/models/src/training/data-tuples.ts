/**
 * Keras's `utils.pack_x_y_sample_weight` and `unpack_x_y_sample_weight`: the
 * `[x, y, sampleWeight]` arrays a custom `trainStep` receives and returns.
 */

/** `x`, `[x, y]` or `[x, y, sampleWeight]`, as Keras packs them; an array `x` alone is wrapped as `[x]` so that it is not read as `[x, y]`. */
export function packXYSampleWeight<X, Y, W>(x: X, y?: Y | null, sampleWeight?: W | null): X | [X] | [X, Y] | [X, Y, W] {
  if (y === undefined || y === null) return Array.isArray(x) ? [x] : x;
  if (sampleWeight === undefined || sampleWeight === null) return [x, y];
  return [x, y, sampleWeight];
}

/** `[x, y, sampleWeight]` of a batch, null for what it does not hold: `x`, `[x]`, `[x, y]` or `[x, y, sampleWeight]` (Keras's `unpack_x_y_sample_weight`). */
export function unpackXYSampleWeight(data: unknown): [unknown, unknown, unknown] {
  if (!Array.isArray(data)) return [data, null, null];
  if (data.length === 1) return [data[0], null, null];
  if (data.length === 2) return [data[0], data[1], null];
  if (data.length === 3) return [data[0], data[1], data[2]];
  throw new TypeError(`Data is expected to be in format \`x\`, \`[x]\`, \`[x, y]\`, or \`[x, y, sampleWeight]\`; found an array of ${data.length} items.`);
}
