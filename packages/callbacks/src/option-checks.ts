/**
 * Keras's `ModelCheckpoint(filepath=...)` and `CSVLogger(filename=...)` take
 * the path as a keyword; in Strata it is the first argument. An options
 * object in its place is refused with the call that was meant, rather than
 * used as a path.
 */
export function checkPositionalPath(owner: string, name: string, value: unknown): void {
  if (typeof value === 'string' && value.length > 0) return;
  if (typeof value === 'object' && value !== null) {
    throw new TypeError(
      `${owner} received an options object (${Object.keys(value).join(', ') || 'empty'}) where its ${name} belongs; expected new ${owner}(${name}, options), with the ${name} a string first.`,
    );
  }
  throw new TypeError(`${owner} received ${name}=${JSON.stringify(value)}; expected a non-empty string.`);
}
