import { test } from 'vitest';
import { measureWasmSimdPeak } from './simd-peak';
test('p', () => { console.log(JSON.stringify(measureWasmSimdPeak(1))); });
