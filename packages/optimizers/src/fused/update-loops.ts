/**
 * The optimizers' update rules as plain loops over float32 arrays: the slots
 * in place, the variable from `w` into `wOut` (the same array on cpu), in the op order of adam.ts / rmsprop.ts / sgd.ts. The scalars are the
 * op chain's float32 values; the intermediates of one element stay in float64
 * (rounding each to float32 as the op chain does cost 2.2× the time) and are
 * rounded once when stored, so results differ from the op chain by a few float32
 * ulps at most (tests: 1e-6 relative).
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
  { alpha, oneMinusBeta1, oneMinusBeta2, epsilon }: AdamScalars,
): void {
  const c1 = f(oneMinusBeta1);
  const c2 = f(oneMinusBeta2);
  const a = f(alpha);
  const eps = f(epsilon);
  for (let i = 0; i < w.length; i++) {
    const gi = g[i];
    const mi = m[i] + (gi - m[i]) * c1;
    const vi = v[i] + (gi * gi - v[i]) * c2;
    m[i] = mi;
    v[i] = vi;
    let vUsed = vi;
    if (vHat !== null) {
      vUsed = Math.max(vHat[i], vi);
      vHat[i] = vUsed;
    }
    wOut[i] = w[i] - (mi * a) / (Math.sqrt(vUsed) + eps);
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
  { learningRate, rho, oneMinusRho, epsilon, momentum }: RmspropScalars,
): void {
  const lr = f(learningRate);
  const r = f(rho);
  const c = f(oneMinusRho);
  const eps = f(epsilon);
  const mu = f(momentum);
  for (let i = 0; i < w.length; i++) {
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

export function sgdLoop(w: Float32Array, wOut: Float32Array, g: Float32Array, momentumSlot: Float32Array | null, { learningRate, momentum, nesterov }: SgdScalars): void {
  const lr = f(learningRate);
  const mu = f(momentum);
  for (let i = 0; i < w.length; i++) {
    const step = g[i] * lr;
    if (momentumSlot === null) {
      wOut[i] = w[i] - step;
      continue;
    }
    const mi = momentumSlot[i] * mu - step;
    momentumSlot[i] = mi;
    wOut[i] = nesterov ? w[i] + (mi * mu - step) : w[i] + mi;
  }
}
