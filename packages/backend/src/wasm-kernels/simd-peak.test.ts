import { expect, test } from 'vitest';
import { relaxedSimdAvailable } from './gemm';
import { measureWasmSimdPeak } from './simd-peak';

test('the SIMD peak probe measures a positive rate in each form the runtime compiles', () => {
  const peak = measureWasmSimdPeak(0.05);
  expect(peak).not.toBeNull();
  expect(peak!.mulAdd).toBeGreaterThan(0.1);
  if (relaxedSimdAvailable()) expect(peak!.relaxedMadd).toBeGreaterThan(0.1);
  else expect(peak!.relaxedMadd).toBeNull();
});
