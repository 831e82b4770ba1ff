import { describe, expect, test } from 'vitest';
import { toChannelsFirst, toChannelsLast } from './channels';

describe('NCHW ↔ NHWC', () => {
  // [b=2, c=3, h=1, w=2]: value = 100·b + 10·c + w.
  const nchw = Float32Array.of(0, 1, 10, 11, 20, 21, 100, 101, 110, 111, 120, 121);
  const nhwc = Float32Array.of(0, 10, 20, 1, 11, 21, 100, 110, 120, 101, 111, 121);

  test('toChannelsLast moves channels innermost', () => {
    expect(Array.from(toChannelsLast(nchw, [2, 3, 1, 2]))).toEqual(Array.from(nhwc));
  });

  test('toChannelsFirst undoes it', () => {
    expect(Array.from(toChannelsFirst(nhwc, [2, 1, 2, 3]))).toEqual(Array.from(nchw));
  });
});
