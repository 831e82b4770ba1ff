import { type Matrix, identity, matrix, transpose } from './matrices';

// The orthogonal decompositions behind qr, svd, eigh, pinv, lstsq and matrix_rank, in float64 JavaScript.
// QR follows LAPACK's Householder convention (geqrf/orgqr) so Q and R match torch's signs exactly; the SVD and
// the symmetric eigendecomposition use Jacobi rotations, whose vectors are unique only up to sign.

/** Householder QR: `q` is m×m (complete) or m×k (reduced), `r` is m×n or k×n, k = min(m, n). */
export function householderQr(a: Matrix, complete: boolean): { q: Matrix; r: Matrix } {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const w = matrix(m, n, a.data);
  const reflectors: Array<{ v: Float64Array; tau: number }> = [];
  for (let j = 0; j < k; j++) {
    const alpha = w.data[j * n + j];
    let tailNorm = 0;
    for (let i = j + 1; i < m; i++) tailNorm = Math.hypot(tailNorm, w.data[i * n + j]);
    const v = new Float64Array(m - j);
    v[0] = 1;
    if (tailNorm === 0) {
      reflectors.push({ v, tau: 0 });
      continue;
    }
    const beta = -(alpha >= 0 ? 1 : -1) * Math.hypot(alpha, tailNorm);
    const tau = (beta - alpha) / beta;
    for (let i = j + 1; i < m; i++) v[i - j] = w.data[i * n + j] / (alpha - beta);
    w.data[j * n + j] = beta;
    for (let i = j + 1; i < m; i++) w.data[i * n + j] = 0;
    for (let c = j + 1; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * w.data[i * n + c];
      for (let i = j; i < m; i++) w.data[i * n + c] -= tau * v[i - j] * dot;
    }
    reflectors.push({ v, tau });
  }
  const qCols = complete ? m : k;
  const q = matrix(m, qCols);
  for (let i = 0; i < Math.min(m, qCols); i++) q.data[i * qCols + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const { v, tau } = reflectors[j];
    if (tau === 0) continue;
    for (let c = 0; c < qCols; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i - j] * q.data[i * qCols + c];
      for (let i = j; i < m; i++) q.data[i * qCols + c] -= tau * v[i - j] * dot;
    }
  }
  const rRows = complete ? m : k;
  const r = matrix(rRows, n);
  for (let i = 0; i < rRows; i++) for (let c = i; c < n; c++) r.data[i * n + c] = w.data[i * n + c];
  return { q, r };
}

/** Adds orthonormal columns to `u` (rows × cols, orthonormal or zero columns) until it has `wanted` columns; zero columns are replaced. */
function completeBasis(u: Matrix, wanted: number): Matrix {
  const rows = u.rows;
  const columns: Float64Array[] = [];
  for (let c = 0; c < u.cols; c++) {
    const col = new Float64Array(rows);
    for (let i = 0; i < rows; i++) col[i] = u.data[i * u.cols + c];
    columns.push(col);
  }
  const isZero = columns.map((col) => col.every((v) => v === 0));
  const orthonormalize = (candidate: Float64Array, against: Float64Array[]): Float64Array | null => {
    for (let pass = 0; pass < 2; pass++) {
      for (const other of against) {
        let dot = 0;
        for (let i = 0; i < rows; i++) dot += other[i] * candidate[i];
        for (let i = 0; i < rows; i++) candidate[i] -= dot * other[i];
      }
    }
    const norm = Math.hypot(...candidate);
    if (norm < 1e-10) return null;
    return candidate.map((v) => v / norm);
  };
  let basis = 0;
  const next = (): Float64Array => {
    while (basis < rows) {
      const candidate = new Float64Array(rows);
      candidate[basis++] = 1;
      const made = orthonormalize(
        candidate,
        columns.filter((_, i) => !isZero[i]),
      );
      if (made) return made;
    }
    throw new Error('Could not complete an orthonormal basis.');
  };
  columns.forEach((_, i) => {
    if (isZero[i]) {
      columns[i] = next();
      isZero[i] = false;
    }
  });
  while (columns.length < wanted) {
    columns.push(next());
    isZero.push(false);
  }
  const out = matrix(rows, wanted);
  columns.slice(0, wanted).forEach((col, c) => col.forEach((v, i) => (out.data[i * wanted + c] = v)));
  return out;
}

/** Thin SVD by one-sided Jacobi rotations: A = U diag(s) Vᵀ, s descending, U m×k, V n×k; full adds U's and V's missing columns. */
export function jacobiSvd(a: Matrix, full = false): { u: Matrix; s: Float64Array; v: Matrix } {
  if (a.rows < a.cols) {
    const { u, s, v } = jacobiSvd(transpose(a), full);
    return { u: v, s, v: u };
  }
  const { rows: m, cols: n } = a;
  const w = matrix(m, n, a.data);
  const v = identity(n);
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const up = w.data[i * n + p];
          const uq = w.data[i * n + q];
          alpha += up * up;
          beta += uq * uq;
          gamma += up * uq;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const target of [w, v]) {
          const cols = target.cols;
          for (let i = 0; i < target.rows; i++) {
            const xp = target.data[i * cols + p];
            const xq = target.data[i * cols + q];
            target.data[i * cols + p] = c * xp - s * xq;
            target.data[i * cols + q] = s * xp + c * xq;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += w.data[i * n + c] ** 2;
    return Math.sqrt(sum);
  });
  const order = norms.map((_, i) => i).sort((x, y) => norms[y] - norms[x]);
  const s = Float64Array.from(order, (i) => norms[i]);
  const u = matrix(m, n);
  const vSorted = matrix(n, n);
  order.forEach((from, to) => {
    for (let i = 0; i < m; i++) u.data[i * n + to] = norms[from] > 0 ? w.data[i * n + from] / norms[from] : 0;
    for (let i = 0; i < n; i++) vSorted.data[i * n + to] = v.data[i * n + from];
  });
  const tiny = (s[0] ?? 0) * 1e-13;
  s.forEach((value, i) => {
    if (value <= tiny) for (let r = 0; r < m; r++) u.data[r * n + i] = 0;
  });
  return { u: completeBasis(u, full ? m : n), s, v: vSorted };
}

/** Eigendecomposition of a symmetric matrix (its lower triangle is read) by cyclic Jacobi rotations: values ascending, vectors as columns. */
export function jacobiEigh(a: Matrix): { values: Float64Array; vectors: Matrix } {
  const n = a.rows;
  const w = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      w.data[i * n + j] = a.data[i * n + j];
      w.data[j * n + i] = a.data[i * n + j];
    }
  }
  const v = identity(n);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += w.data[i * n + j] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = w.data[p * n + q];
        if (apq === 0) continue;
        const theta = (w.data[q * n + q] - w.data[p * n + p]) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = w.data[k * n + p];
          const akq = w.data[k * n + q];
          w.data[k * n + p] = c * akp - s * akq;
          w.data[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = w.data[p * n + k];
          const aqk = w.data[q * n + k];
          w.data[p * n + k] = c * apk - s * aqk;
          w.data[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v.data[k * n + p];
          const vkq = v.data[k * n + q];
          v.data[k * n + p] = c * vkp - s * vkq;
          v.data[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const diagonal = Array.from({ length: n }, (_, i) => w.data[i * n + i]);
  const order = diagonal.map((_, i) => i).sort((x, y) => diagonal[x] - diagonal[y]);
  const vectors = matrix(n, n);
  order.forEach((from, to) => {
    for (let k = 0; k < n; k++) vectors.data[k * n + to] = v.data[k * n + from];
  });
  return { values: Float64Array.from(order, (i) => diagonal[i]), vectors };
}
