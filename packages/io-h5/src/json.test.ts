import { describe, expect, it } from 'vitest';
import { PythonFloat, parsePythonJson, parseJsonSafely, pythonJsonDumps } from './json';
import { DEFAULT_READ_LIMITS, KerasFileError } from './types';

describe('JSON as Python writes it', () => {
  it('reads the bare tokens NaN, Infinity and -Infinity outside strings, and leaves strings alone', () => {
    const value = parsePythonJson('{"a": NaN, "b": [Infinity, -Infinity, 1e-07], "s": "NaN Infinity -Infinity", "t": "\\"NaN\\""}') as Record<string, unknown>;
    expect(value.a).toBeNaN();
    expect(value.b).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e-7]);
    expect(value.s).toBe('NaN Infinity -Infinity');
    expect(value.t).toBe('"NaN"');
  });

  it('writes them back the same way, so a config with non-finite numbers round-trips', () => {
    const config = { max_value: Number.POSITIVE_INFINITY, min: Number.NEGATIVE_INFINITY, fill: Number.NaN, name: 'Infinity' };
    const text = pythonJsonDumps(config);
    expect(text).toBe('{"max_value": Infinity, "min": -Infinity, "fill": NaN, "name": "Infinity"}');
    const back = parseJsonSafely(text, 'config', DEFAULT_READ_LIMITS) as Record<string, unknown>;
    expect(back.max_value).toBe(Number.POSITIVE_INFINITY);
    expect(back.min).toBe(Number.NEGATIVE_INFINITY);
    expect(back.fill).toBeNaN();
    expect(back.name).toBe('Infinity');
  });

  it('still refuses other bare words and half tokens with a KerasFileError', () => {
    for (const text of ['{"a": Nan}', '{"a": Inf}', '{"a": -Infinit}', '{"a": undefined}', '{"a": NaNa}']) {
      expect(() => parseJsonSafely(text, 'config.json', DEFAULT_READ_LIMITS)).toThrow(KerasFileError);
    }
  });

  it('writes a PythonFloat as Python writes a float: 1.0, 0.0, -3.0, 0.5, 1e-07, 1e+21 and NaN, and JSON.stringify writes its number', () => {
    const floats = [1, 0, -3, 0.5, 1e-7, 1e21, Number.NaN].map((value) => new PythonFloat(value));
    expect(pythonJsonDumps({ floats, int: 1 })).toBe('{"floats": [1.0, 0.0, -3.0, 0.5, 1e-07, 1e+21, NaN], "int": 1}');
    expect(JSON.stringify({ momentum: new PythonFloat(0) })).toBe('{"momentum":0}');
  });
});
