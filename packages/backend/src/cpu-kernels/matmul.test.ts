/**
 * addProduct against a float64 triple loop, on shapes whose rows and columns
 * are not multiples of the 4×4 tile, whose depth crosses the 256-deep slice,
 * with either operand transposed, and adding into a non-zero result.
 */
import { describe, expect, test } from 'vitest';
import { values } from '../test-support/kernel-test-support';
import { addProduct, type ProductShape } from './matmul';

function reference(a: Float32Array, b: Float32Array, shape: ProductShape): Float64Array {
  const { rows, depth, columns, transposeA, transposeB } = shape;
  const out = new Float64Array(rows * columns);
  for (let i = 0; i < rows; ++i) {
    for (let j = 0; j < columns; ++j) {
      let sum = 0;
      for (let p = 0; p < depth; ++p) {
        sum += (transposeA ? a[p * rows + i] : a[i * depth + p]) * (transposeB ? b[j * depth + p] : b[p * columns + j]);
      }
      out[i * columns + j] = sum;
    }
  }
  return out;
}

const shapes: Array<[number, number, number]> = [
  [1, 1, 1],
  [4, 4, 4],
  [5, 3, 7],
  [13, 300, 6],
  [2, 600, 9],
  [37, 9, 32],
  [8, 513, 3],
];

describe('addProduct', () => {
  for (const [rows, depth, columns] of shapes) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) {
        test(`[${rows}×${depth}]·[${depth}×${columns}] transposeA=${transposeA} transposeB=${transposeB}`, () => {
          const shape = { rows, depth, columns, transposeA, transposeB };
          const a = values(rows * depth, rows + depth);
          const b = values(depth * columns, depth + columns);
          const start = values(rows * columns, 3);
          const out = Float32Array.from(start);
          addProduct(a, b, out, shape);
          const expected = reference(a, b, shape);
          for (let i = 0; i < out.length; ++i) {
            expect(Math.abs(out[i] - (start[i] + expected[i]))).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(expected[i])));
          }
        });
      }
    }
  }

  test('gives exact small integer products', () => {
    const out = new Float32Array(4);
    addProduct(Float32Array.of(1, 2, 3, 4, 5, 6), Float32Array.of(7, 8, 9, 10, 11, 12), out, {
      rows: 2,
      depth: 3,
      columns: 2,
      transposeA: false,
      transposeB: false,
    });
    expect(Array.from(out)).toEqual([58, 64, 139, 154]);
  });
});
