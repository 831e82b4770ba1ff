import { KerasFileError, type ReadLimits } from './types';

/**
 * Parses a JSON document from a file after bounding its size and nesting, so
 * that a config nested a million levels deep cannot overflow the stack of
 * whatever walks it next.
 */
export function parseJsonSafely(text: string, where: string, limits: Pick<ReadLimits, 'maxJsonBytes' | 'maxJsonDepth'>): unknown {
  if (text.length > limits.maxJsonBytes) {
    throw new KerasFileError(`${where}: the JSON is ${text.length} characters long, more than the limit of ${limits.maxJsonBytes} (maxJsonBytes).`);
  }
  const depth = nestingDepth(text);
  if (depth > limits.maxJsonDepth) {
    throw new KerasFileError(`${where}: the JSON nests ${depth} levels deep, more than the limit of ${limits.maxJsonDepth} (maxJsonDepth).`);
  }
  try {
    return parsePythonJson(text);
  } catch (error) {
    throw new KerasFileError(`${where}: not valid JSON: ${(error as Error).message}.`);
  }
}

/**
 * JSON as Python's `json.loads` reads it: standard JSON plus the bare tokens
 * `NaN`, `Infinity` and `-Infinity` that `json.dumps` writes for non-finite
 * floats (Keras configs hold them, e.g. a `max_value` of inf). The tokens are
 * only recognised outside strings; everything else must be standard JSON.
 */
export function parsePythonJson(text: string): unknown {
  const marker = `\\u0000strata-${Math.random().toString(36).slice(2)}:`;
  let output = '';
  let copiedUpTo = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index++;
      else if (character === 0x22) inString = false;
      continue;
    }
    if (character === 0x22) {
      inString = true;
      continue;
    }
    // Outside strings, standard JSON has no "N" or "I" (only true, false, null and exponents' "e").
    const token = character === 0x4e ? 'NaN' : character === 0x49 ? 'Infinity' : character === 0x2d && text.charCodeAt(index + 1) === 0x49 ? '-Infinity' : null;
    if (token === null || !text.startsWith(token, index)) continue;
    output += `${text.slice(copiedUpTo, index)}"${marker}${token}"`;
    index += token.length - 1;
    copiedUpTo = index + 1;
  }
  if (copiedUpTo === 0) return JSON.parse(text);
  const prefix = JSON.parse(`"${marker}"`) as string;
  const values: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY };
  return JSON.parse(output + text.slice(copiedUpTo), (_key, value) => (typeof value === 'string' && value.startsWith(prefix) ? values[value.slice(prefix.length)] : value));
}

export function decodeUtf8(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new KerasFileError(`${where}: not valid UTF-8 text.`);
  }
}

/** The deepest nesting of `[` and `{` outside strings; stops counting once it is clear the limit is passed. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const character = text.charCodeAt(index);
    if (inString) {
      if (character === 0x5c) index++;
      else if (character === 0x22) inString = false;
    } else if (character === 0x22) {
      inString = true;
    } else if (character === 0x5b || character === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (character === 0x5d || character === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

/**
 * JSON as Python's `json.dumps` writes it with default settings, which is
 * what Keras puts in its files: `", "` and `": "` separators, non-ASCII
 * escaped, and exponents written `1e-07`. Keras does not need this to read a
 * file, but it keeps our files byte-comparable with Keras's.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof PythonFloat) return pythonFloat(value.value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return asciiString(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${asciiString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
  }
  throw new KerasFileError(`Cannot write ${typeof value} values into a Keras JSON document.`);
}

/**
 * A number that Python holds as a float, so that it is written `1.0`, not `1`:
 * JavaScript cannot tell 1 from 1.0, and Keras refuses an int for some float
 * fields (an optimizer's learning_rate, SGD's momentum).
 */
export class PythonFloat {
  constructor(readonly value: number) {}

  /** JSON.stringify of a config holding one writes the plain number. */
  toJSON(): number {
    return this.value;
  }
}

/** Python's repr of a float: integral values keep a `.0` (`1.0`, `0.0`, `1e+16`). */
function pythonFloat(value: number): string {
  const text = pythonNumber(value);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  // Python pads exponents to two digits ("1e-07") where JavaScript writes "1e-7".
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

function asciiString(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
