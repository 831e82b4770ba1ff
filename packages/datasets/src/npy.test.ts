import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { encodeNpy, parseNpy, parseNpz } from './npy';

describe('npy', () => {
  it('round-trips a float32 array through encodeNpy and parseNpy', () => {
    const bytes = encodeNpy({ dtype: 'f4', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6.5]) });
    expect((10 + new DataView(bytes.buffer).getUint16(8, true)) % 64).toBe(0);
    const parsed = parseNpy(bytes);
    expect(parsed.shape).toEqual([2, 3]);
    expect(Array.from(parsed.data as Float32Array)).toEqual([1, 2, 3, 4, 5, 6.5]);
  });

  it('refuses bad magic, truncation and unknown dtypes', () => {
    expect(() => parseNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(/magic/);
    const good = encodeNpy({ dtype: 'u1', shape: [100], data: new Uint8Array(100) });
    expect(() => parseNpy(good.subarray(0, good.length - 1))).toThrow(/truncated.*needs 100 bytes/);
    const unicode = good.slice();
    unicode[unicode.indexOf(0x75 /* 'u' */, 10)] = 0x55; // '|u1' becomes '|U1', NumPy's unicode strings
    expect(() => parseNpy(unicode)).toThrow(/dtype '\|U1'/);
  });

  it('reads arrays by name from an npz archive', () => {
    const zip = zipSync({
      'x_train.npy': encodeNpy({ dtype: 'u1', shape: [2, 2], data: new Uint8Array([0, 1, 2, 255]) }),
      'y_train.npy': encodeNpy({ dtype: 'i4', shape: [2], data: new Int32Array([7, 3]) }),
    });
    const arrays = parseNpz(zip);
    expect([...arrays.keys()].sort()).toEqual(['x_train', 'y_train']);
    expect(Array.from(arrays.get('y_train')!.data as Int32Array)).toEqual([7, 3]);
    expect(() => parseNpz(new Uint8Array([1, 2, 3]))).toThrow(/not a valid .npz/);
  });
});
