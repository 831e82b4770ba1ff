// Test support: Keras's update rules as naive float64 loops over plain arrays,
// written from keras/src/optimizers/*.py independently of the tensor code.

/** Per-element state of one weight array: named slots, each an array like the weights. */
export type Slots = Record<string, number[]>;

/** One step for one weight array; `t` is the 1-based step; returns nothing, mutates `w` and `s`. */
export type ReferenceStep = (w: number[], g: number[], s: Slots, lr: number, t: number) => void;

const each = (n: number, body: (i: number) => void) => {
  for (let i = 0; i < n; i++) body(i);
};

export function referenceAdam({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, amsgrad = false } = {}): ReferenceStep {
  return (w, g, s, lr, t) => {
    s.m ??= w.map(() => 0);
    s.v ??= w.map(() => 0);
    s.vhat ??= w.map(() => 0);
    const alpha = (lr * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
    each(w.length, (i) => {
      s.m[i] += (g[i] - s.m[i]) * (1 - beta1);
      s.v[i] += (g[i] * g[i] - s.v[i]) * (1 - beta2);
      let v = s.v[i];
      if (amsgrad) {
        s.vhat[i] = Math.max(s.vhat[i], v);
        v = s.vhat[i];
      }
      w[i] -= (s.m[i] * alpha) / (Math.sqrt(v) + epsilon);
    });
  };
}

export function referenceRmsprop({ rho = 0.9, momentum = 0, epsilon = 1e-7, centered = false } = {}): ReferenceStep {
  return (w, g, s, lr) => {
    s.v ??= w.map(() => 0);
    s.mom ??= w.map(() => 0);
    s.avg ??= w.map(() => 0);
    each(w.length, (i) => {
      s.v[i] = rho * s.v[i] + (1 - rho) * g[i] * g[i];
      let denominator = s.v[i] + epsilon;
      if (centered) {
        s.avg[i] = rho * s.avg[i] + (1 - rho) * g[i];
        denominator = s.v[i] - s.avg[i] * s.avg[i] + epsilon;
      }
      const increment = (lr * g[i]) / Math.sqrt(denominator);
      if (momentum > 0) {
        s.mom[i] = momentum * s.mom[i] + increment;
        w[i] -= s.mom[i];
      } else {
        w[i] -= increment;
      }
    });
  };
}

export function referenceSgd({ momentum = 0, nesterov = false } = {}): ReferenceStep {
  return (w, g, s, lr) => {
    s.m ??= w.map(() => 0);
    each(w.length, (i) => {
      if (momentum === 0) {
        w[i] -= lr * g[i];
        return;
      }
      s.m[i] = momentum * s.m[i] - lr * g[i];
      w[i] += nesterov ? momentum * s.m[i] - lr * g[i] : s.m[i];
    });
  };
}

export function referenceAdagrad({ initialAccumulatorValue = 0.1, epsilon = 1e-7 } = {}): ReferenceStep {
  return (w, g, s, lr) => {
    s.acc ??= w.map(() => initialAccumulatorValue);
    each(w.length, (i) => {
      s.acc[i] += g[i] * g[i];
      w[i] -= (lr * g[i]) / Math.sqrt(s.acc[i] + epsilon);
    });
  };
}

export function referenceAdadelta({ rho = 0.95, epsilon = 1e-7 } = {}): ReferenceStep {
  return (w, g, s, lr) => {
    s.eg ??= w.map(() => 0);
    s.ed ??= w.map(() => 0);
    each(w.length, (i) => {
      s.eg[i] = rho * s.eg[i] + (1 - rho) * g[i] * g[i];
      const delta = (-Math.sqrt(s.ed[i] + epsilon) * g[i]) / Math.sqrt(s.eg[i] + epsilon);
      s.ed[i] = rho * s.ed[i] + (1 - rho) * delta * delta;
      w[i] += lr * delta;
    });
  };
}

export function referenceAdamax({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = {}): ReferenceStep {
  return (w, g, s, lr, t) => {
    s.m ??= w.map(() => 0);
    s.u ??= w.map(() => 0);
    each(w.length, (i) => {
      s.m[i] += (g[i] - s.m[i]) * (1 - beta1);
      s.u[i] = Math.max(beta2 * s.u[i], Math.abs(g[i]));
      w[i] -= (lr * s.m[i]) / ((1 - beta1 ** t) * (s.u[i] + epsilon));
    });
  };
}

/** Nadam's momentum product is shared by all weights; it lives in `shared.product`, advanced once per step. */
export function referenceNadam({ beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7 } = {}, shared = { product: 1, step: 0 }): ReferenceStep {
  const u = (step: number) => beta1 * (1 - 0.5 * 0.96 ** step);
  return (w, g, s, lr, t) => {
    if (shared.step !== t) {
      shared.product *= u(t);
      shared.step = t;
    }
    s.m ??= w.map(() => 0);
    s.v ??= w.map(() => 0);
    const productNext = shared.product * u(t + 1);
    each(w.length, (i) => {
      s.m[i] += (g[i] - s.m[i]) * (1 - beta1);
      s.v[i] += (g[i] * g[i] - s.v[i]) * (1 - beta2);
      const mHat = (u(t + 1) * s.m[i]) / (1 - productNext) + ((1 - u(t)) * g[i]) / (1 - shared.product);
      const vHat = s.v[i] / (1 - beta2 ** t);
      w[i] -= (mHat * lr) / (Math.sqrt(vHat) + epsilon);
    });
  };
}

export function referenceLion({ beta1 = 0.9, beta2 = 0.99 } = {}): ReferenceStep {
  return (w, g, s, lr) => {
    s.m ??= w.map(() => 0);
    each(w.length, (i) => {
      w[i] -= lr * Math.sign(beta1 * s.m[i] + (1 - beta1) * g[i]);
      s.m[i] = beta2 * s.m[i] + (1 - beta2) * g[i];
    });
  };
}

/** Keras's base-optimizer weight decay, applied before the update. */
export function withWeightDecay(step: ReferenceStep, weightDecay: number): ReferenceStep {
  return (w, g, s, lr, t) => {
    each(w.length, (i) => {
      w[i] -= w[i] * weightDecay * lr;
    });
    step(w, g, s, lr, t);
  };
}

/**
 * Runs `steps` updates on several weight arrays. Gradients of step t are
 * `gradients(t, weights)`, so they may depend on the current weights. `clip`
 * transforms the list of gradients (Keras's clipping), `learningRate(t)` gives the
 * rate (a schedule sees t - 1, the iterations before the update).
 */
export function runReference(
  initial: number[][],
  steps: number,
  step: ReferenceStep,
  gradients: (t: number, weights: number[][]) => number[][],
  learningRate: (t: number) => number,
  clip: (grads: number[][]) => number[][] = (grads) => grads,
): number[][] {
  const weights = initial.map((w) => [...w]);
  const slots: Slots[] = initial.map(() => ({}));
  for (let t = 1; t <= steps; t++) {
    const grads = clip(gradients(t, weights));
    weights.forEach((w, k) => {
      step(w, grads[k], slots[k], learningRate(t), t);
    });
  }
  return weights;
}
