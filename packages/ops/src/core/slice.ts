/**
 * Python's `slice(start, stop, step)` for `ops.getItem` keys and symbolic indexing: `x[:, 1:3]` is
 * `x.getItem([new Slice(), new Slice(1, 3)])`. A null bound is Python's None (from the start, to the end,
 * step 1). Graph nodes save it as Keras does (`__slice__`).
 */
export class Slice {
  constructor(
    readonly start: number | null = null,
    readonly stop: number | null = null,
    readonly step: number | null = null,
  ) {}
}

/** Python's `...` in an index key: as many full slices as the rank needs. */
export const Ellipsis: unique symbol = Symbol('Ellipsis');

/** Python's `None` in an index key (NumPy's newaxis): a new axis of size 1. */
export const newaxis = null;

/** One element of an index key. */
export type IndexKeyItem = number | Slice | typeof Ellipsis | null;
