/** Keras's `axis` argument: one axis, several, or null/undefined for all of them. */
export type Axis = number | number[] | null;

/**
 * Resolves a possibly negative axis against a rank, as NumPy does, and refuses one out of range
 * with NumPy's wording ("axis 3 is out of bounds for array of dimension 2").
 */
export function normalizeAxis(axis: number, rank: number): number {
  if (!Number.isInteger(axis)) throw new TypeError(`An axis must be an integer; received ${axis}.`);
  const resolved = axis < 0 ? axis + rank : axis;
  if (resolved < 0 || resolved >= rank) throw new RangeError(`axis ${axis} is out of bounds for array of dimension ${rank}.`);
  return resolved;
}

/** Every axis of `axis` resolved and sorted, or all axes when `axis` is null or undefined; repeated axes are refused. */
export function normalizeAxes(axis: Axis | undefined, rank: number): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = (Array.isArray(axis) ? axis : [axis]).map((a) => normalizeAxis(a, rank));
  if (new Set(list).size !== list.length) throw new RangeError(`repeated axis in ${JSON.stringify(axis)}.`);
  return list.sort((a, b) => a - b);
}
