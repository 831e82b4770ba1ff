/**
 * How an op finds out that it was called on a symbolic tensor without importing the KerasTensor class: a
 * symbolic tensor has a method under this key, which records the op in its graph. Keeping `defineOp` free of
 * that import lets KerasTensor's operator methods use the ops themselves without a cycle of modules.
 */
export const RECORD_OP: unique symbol = Symbol('recordOp');

/** What defineOp sees of a symbolic tensor. */
export interface OpRecorder {
  [RECORD_OP](spec: unknown, eager: (...args: any[]) => any, args: unknown[]): unknown;
}

/** True for a symbolic tensor (a KerasTensor). */
export function isSymbolicValue(value: unknown): value is OpRecorder {
  return typeof value === 'object' && value !== null && RECORD_OP in value;
}

/** The first symbolic tensor in `value`, or in arrays and plain objects nested in it (a few levels deep). */
export function findSymbolic(value: unknown, depth = 0): OpRecorder | undefined {
  if (isSymbolicValue(value)) return value;
  if (depth > 4 || typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findSymbolic(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  for (const item of Object.values(value)) {
    const found = findSymbolic(item, depth + 1);
    if (found) return found;
  }
  return undefined;
}
