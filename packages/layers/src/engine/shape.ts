/** A shape whose unknown dimensions (the batch, usually) are null, as Keras writes `(None, 28, 28)`. */
export type Shape = Array<number | null>;

/** Formats a shape the way Keras prints it: `(None, 784)`. */
export function formatShape(shape: Shape | Shape[]): string {
  if (shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as Shape[]).map((s) => formatShape(s)).join(', ')}]`;
  const dims = (shape as Shape).map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** The number of elements of a fully known shape. */
export function sizeOf(shape: Shape): number {
  return shape.reduce<number>((product, d) => product * (d ?? 1), 1);
}

export function isShapeList(shape: Shape | Shape[]): shape is Shape[] {
  return shape.length > 0 && Array.isArray(shape[0]);
}
