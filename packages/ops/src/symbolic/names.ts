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
