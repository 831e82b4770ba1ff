/**
 * The optimizers' update rules as plain loops over float32 arrays: the slots
 * in place, the variable from `w` into `wOut` (the same array on cpu), in the
 * op order of adam.ts / rmsprop.ts / sgd.ts. The scalars are the op chain's
 * float32 values; the intermediates of one element stay in float64 (rounding
 * each to float32 as the op chain does cost 2.2× the time) and are rounded once
 * when stored, so results differ from the op chain by a few float32 ulps at most
 * (tests: 1e-6 relative).
 *
 * Each option combination has its own loop with no branch, closure or property
 * read inside: the scalars and the length are plain arguments, and every array
 * element is read once. V8 then compiles each loop to straight-line float64 code.
 */
const f = Math.fround;

export interface AdamScalars {
  /** `learningRate · sqrt(1 - β2^t) / (1 - β1^t)`, float32. */
  alpha: number;
  /** `1 - β1` and `1 - β2`, as the op chain's float32 scalars. */
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
}

export function adamLoop(
  w: Float32Array,
  wOut: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vHat: Float32Array | null,
  scalars: AdamScalars,
): void {
  const a = f(scalars.alpha);
  const c1 = f(scalars.oneMinusBeta1);
  const c2 = f(scalars.oneMinusBeta2);
  const eps = f(scalars.epsilon);
  if (vHat === null) adam(w, wOut, g, m, v, w.length, a, c1, c2, eps);
  else amsgrad(w, wOut, g, m, v, vHat, w.length, a, c1, c2, eps);
}

function adam(w: Float32Array, wOut: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, a: number, c1: number, c2: number, eps: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const m0 = m[i];
    const v0 = v[i];
    const mi = m0 + (gi - m0) * c1;
    const vi = v0 + (gi * gi - v0) * c2;
    m[i] = mi;
    v[i] = vi;
    wOut[i] = w[i] - (mi * a) / (Math.sqrt(vi) + eps);
  }
}

function amsgrad(
  w: Float32Array,
  wOut: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  vHat: Float32Array,
  n: number,
  a: number,
  c1: number,
  c2: number,
  eps: number,
): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const m0 = m[i];
    const v0 = v[i];
    const mi = m0 + (gi - m0) * c1;
    const vi = v0 + (gi * gi - v0) * c2;
    m[i] = mi;
    v[i] = vi;
    const vUsed = Math.max(vHat[i], vi);
    vHat[i] = vUsed;
    wOut[i] = w[i] - (mi * a) / (Math.sqrt(vUsed) + eps);
  }
}

/**
 * Adam without amsgrad with every operation rounded to float32: the op chain's
 * arithmetic, and the SIMD kernel's (wasm-kernels/simd-updates.ts), which runs
 * this loop for the last elements of a length that is not a multiple of four.
 */
export function adamLoopFloat32(w: Float32Array, wOut: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, scalars: AdamScalars): void {
  const a = f(scalars.alpha);
  const c1 = f(scalars.oneMinusBeta1);
  const c2 = f(scalars.oneMinusBeta2);
  const eps = f(scalars.epsilon);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = f(m[i] + f(f(gi - m[i]) * c1));
    const vi = f(v[i] + f(f(f(gi * gi) - v[i]) * c2));
    m[i] = mi;
    v[i] = vi;
    wOut[i] = w[i] - f(f(mi * a) / f(f(Math.sqrt(vi)) + eps));
  }
}

export interface RmspropScalars {
  learningRate: number;
  rho: number;
  oneMinusRho: number;
  epsilon: number;
  /** 0: no momentum slot. */
  momentum: number;
}

export function rmspropLoop(
  w: Float32Array,
  wOut: Float32Array,
  g: Float32Array,
  v: Float32Array,
  averageGradient: Float32Array | null,
  momentumSlot: Float32Array | null,
  scalars: RmspropScalars,
): void {
  const lr = f(scalars.learningRate);
  const r = f(scalars.rho);
  const c = f(scalars.oneMinusRho);
  const eps = f(scalars.epsilon);
  const mu = f(scalars.momentum);
  const n = w.length;
  if (averageGradient === null && momentumSlot === null) rmsprop(w, wOut, g, v, n, lr, r, c, eps);
  else rmspropGeneral(w, wOut, g, v, averageGradient, momentumSlot, n, lr, r, c, eps, mu);
}

function rmsprop(w: Float32Array, wOut: Float32Array, g: Float32Array, v: Float32Array, n: number, lr: number, r: number, c: number, eps: number): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const vi = v[i] * r + gi * gi * c;
    v[i] = vi;
    wOut[i] = w[i] - (gi * lr) / Math.sqrt(vi + eps);
  }
}

/** Plain RMSprop with every operation rounded to float32, as `adamLoopFloat32` is for Adam. */
export function rmspropLoopFloat32(w: Float32Array, wOut: Float32Array, g: Float32Array, v: Float32Array, scalars: RmspropScalars): void {
  const lr = f(scalars.learningRate);
  const r = f(scalars.rho);
  const c = f(scalars.oneMinusRho);
  const eps = f(scalars.epsilon);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const vi = f(f(v[i] * r) + f(f(gi * gi) * c));
    v[i] = vi;
    wOut[i] = w[i] - f(f(gi * lr) / f(Math.sqrt(f(vi + eps))));
  }
}

/** Centered and/or with momentum: rarer, and the branches are on loop-invariant nulls. */
function rmspropGeneral(
  w: Float32Array,
  wOut: Float32Array,
  g: Float32Array,
  v: Float32Array,
  averageGradient: Float32Array | null,
  momentumSlot: Float32Array | null,
  n: number,
  lr: number,
  r: number,
  c: number,
  eps: number,
  mu: number,
): void {
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const vi = v[i] * r + gi * gi * c;
    v[i] = vi;
    let denominator: number;
    if (averageGradient !== null) {
      const ai = averageGradient[i] * r + gi * c;
      averageGradient[i] = ai;
      denominator = vi - ai * ai + eps;
    } else {
      denominator = vi + eps;
    }
    const increment = (gi * lr) / Math.sqrt(denominator);
    if (momentumSlot !== null) {
      const mi = momentumSlot[i] * mu + increment;
      momentumSlot[i] = mi;
      wOut[i] = w[i] - mi;
    } else {
      wOut[i] = w[i] - increment;
    }
  }
}

export interface SgdScalars {
  learningRate: number;
  momentum: number;
  nesterov: boolean;
}

export function sgdLoop(w: Float32Array, wOut: Float32Array, g: Float32Array, momentumSlot: Float32Array | null, scalars: SgdScalars): void {
  const lr = f(scalars.learningRate);
  const mu = f(scalars.momentum);
  const n = w.length;
  if (momentumSlot === null) sgd(w, wOut, g, n, lr);
  else if (scalars.nesterov) sgdNesterov(w, wOut, g, momentumSlot, n, lr, mu);
  else sgdMomentum(w, wOut, g, momentumSlot, n, lr, mu);
}

function sgd(w: Float32Array, wOut: Float32Array, g: Float32Array, n: number, lr: number): void {
  for (let i = 0; i < n; i++) wOut[i] = w[i] - g[i] * lr;
}

function sgdMomentum(w: Float32Array, wOut: Float32Array, g: Float32Array, momentumSlot: Float32Array, n: number, lr: number, mu: number): void {
  for (let i = 0; i < n; i++) {
    const mi = momentumSlot[i] * mu - g[i] * lr;
    momentumSlot[i] = mi;
    wOut[i] = w[i] + mi;
  }
}

function sgdNesterov(w: Float32Array, wOut: Float32Array, g: Float32Array, momentumSlot: Float32Array, n: number, lr: number, mu: number): void {
  for (let i = 0; i < n; i++) {
    const step = g[i] * lr;
    const mi = momentumSlot[i] * mu - step;
    momentumSlot[i] = mi;
    wOut[i] = w[i] + (mi * mu - step);
  }
}
