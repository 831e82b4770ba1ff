/**
 * One checker for the option objects of every Strata constructor and method
 * (layers, callbacks, optimizers, losses, metrics, compile/fit/evaluate/
 * predict). Keras takes keyword arguments and refuses unknown ones; an
 * options object would silently ignore a misspelt or snake_case key
 * (`{ log_dir }`, `{ pool_size }`) and run with a default instead, so every
 * key is checked against the known ones and a stray key is an
 * `UnknownOptionError` that names it and the key that was meant.
 *
 * Lives in `@strata/ops/options` (a subpath, outside `keras.ops`) because
 * it is the lowest package every one of those packages may import.
 */

/** An option key that the receiving constructor or method does not know. */
export class UnknownOptionError extends TypeError {
  override readonly name = 'UnknownOptionError';

  constructor(
    message: string,
    /** What received the options (`MaxPooling2D`, `TensorBoard`, `fit()`). */
    readonly owner: string,
    /** The key given. */
    readonly key: string,
    /** The known key it most likely meant, if any. */
    readonly suggestion: string | null,
  ) {
    super(message);
  }
}

/** Keras's snake_case to Strata's camelCase: `log_dir` → `logDir`. */
export function snakeToCamelCase(key: string): string {
  return key.replace(/_+([a-zA-Z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The known key `key` most likely meant: its camelCase form, the same letters in another case, or a near spelling. */
export function suggestOptionKey(key: string, known: Iterable<string>): string | null {
  const candidates = [...known];
  const camel = snakeToCamelCase(key);
  if (candidates.includes(camel)) return camel;
  const folded = key.replaceAll('_', '').toLowerCase();
  const sameLetters = candidates.find((candidate) => candidate.toLowerCase() === folded);
  if (sameLetters !== undefined) return sameLetters;
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Throws an `UnknownOptionError` for the first key of `options` that is not
 * in `known` (keys whose value is `undefined` included: a typo is a typo).
 * `owner` names the receiver in the message (`'TensorBoard'`, `'fit()'`).
 */
export function checkOptionKeys(owner: string, options: object | null | undefined, known: Iterable<string>): void {
  if (options === null || options === undefined) return;
  const knownKeys = known instanceof Set ? (known as Set<string>) : new Set(known);
  for (const key of Object.keys(options)) {
    if (knownKeys.has(key)) continue;
    const suggestion = suggestOptionKey(key, knownKeys);
    const snake = key.includes('_');
    let message = `${owner} received an unknown option \`${key}\``;
    if (suggestion !== null && snake && suggestion === snakeToCamelCase(key)) {
      message += `: Strata spells Keras's \`${key}\` in camelCase, \`${suggestion}\`.`;
    } else if (suggestion !== null) {
      message += `; did you mean \`${suggestion}\`?`;
    } else {
      message += `; expected one of: ${[...knownKeys].sort().join(', ')}.`;
    }
    throw new UnknownOptionError(message, owner, key, suggestion);
  }
}

/**
 * For options whose full list is open (a layer's, checked in the base class
 * before the subclass is known): refuses the keys that can never be right,
 * Keras's snake_case names, naming the camelCase key meant.
 */
export function checkNoSnakeCaseKeys(owner: string, options: object | null | undefined): void {
  if (options === null || options === undefined) return;
  for (const key of Object.keys(options)) {
    if (!/[a-z0-9]_+[a-zA-Z0-9]/.test(key)) continue;
    const suggestion = snakeToCamelCase(key);
    throw new UnknownOptionError(
      `${owner} received an unknown option \`${key}\`: Strata spells Keras's \`${key}\` in camelCase, \`${suggestion}\`.`,
      owner,
      key,
      suggestion,
    );
  }
}
