/**
 * The projective transform [a0, a1, a2, b0, b1, b2, c0, c1] that maps each
 * end point to its start point, (x, y) → ((a0 x + a1 y + a2) / k,
 * (b0 x + b1 y + b2) / k) with k = c0 x + c1 y + 1: Keras's
 * compute_homography_matrix, the 8 × 8 linear system of the four point pairs
 * solved here by Gaussian elimination with partial pivoting (in float64; tfjs
 * has no linear solve, and the system is tiny). `start` and `end` are four
 * [x, y] points each.
 */
export function homography(start: number[][], end: number[][]): number[] {
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [sx, sy] = start[i];
    const [ex, ey] = end[i];
    rows.push([ex, ey, 1, 0, 0, 0, -sx * ex, -sx * ey, sx]);
    rows.push([0, 0, 0, ex, ey, 1, -sy * ex, -sy * ey, sy]);
  }
  for (let column = 0; column < 8; column++) {
    let pivot = column;
    for (let r = column + 1; r < 8; r++) if (Math.abs(rows[r][column]) > Math.abs(rows[pivot][column])) pivot = r;
    if (Math.abs(rows[pivot][column]) < 1e-12) {
      throw new Error(`The four end points ${JSON.stringify(end)} do not define a projective transform: three of them are on a line.`);
    }
    [rows[column], rows[pivot]] = [rows[pivot], rows[column]];
    for (let r = 0; r < 8; r++) {
      if (r === column) continue;
      const ratio = rows[r][column] / rows[column][column];
      for (let c = column; c < 9; c++) rows[r][c] -= ratio * rows[column][c];
    }
  }
  return rows.map((row, i) => row[8] / row[i]);
}
