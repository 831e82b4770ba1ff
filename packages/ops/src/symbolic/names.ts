/**
 * Unique default names as Keras gives them: `dense`, `dense_1`, `dense_2`...
 * per snake_case class name, reset by `clearSession()` (keras.backend.clear_session).
 */
const counters = new Map<string, number>();

export function uniqueName(base: string): string {
  const count = counters.get(base) ?? 0;
  counters.set(base, count + 1);
  return count === 0 ? base : `${base}_${count}`;
}

/**
 * The next number of `prefix`'s counter, from 1 (Keras's `backend.get_uid`).
 * It is the counter that default names use: after `dense` and `dense_1`,
 * `getUid('dense')` is 3.
 */
export function getUid(prefix = ''): number {
  const count = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, count);
  return count;
}

/** Restarts the default names, as keras.backend.clear_session() does. */
export function clearSession(): void {
  counters.clear();
}

/** `MaxPooling2D` → `max_pooling2d`, `Conv2DTranspose` → `conv2d_transpose`, as Keras's to_snake_case. */
export function toSnakeCaseName(className: string): string {
  const cleaned = className.replace(/\W+/g, '');
  const intermediate = cleaned.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return intermediate.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}
