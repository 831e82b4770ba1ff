import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import { beforeAll, describe, it } from 'vitest';
import { Adadelta } from './adadelta';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { Adamax } from './adamax';
import { AdamW } from './adamw';
import { Lion } from './lion';
import { Nadam } from './nadam';
import type { Optimizer } from './optimizer';
import { RMSprop } from './rmsprop';
import { CosineDecay } from './schedules/cosine-decay';
import { ExponentialDecay } from './schedules/exponential-decay';
import { SGD } from './sgd';
import { initialWeights, referenceGradients, runOptimizer } from './test-support/harness';
import {
  type ReferenceStep,
  referenceAdadelta,
  referenceAdagrad,
  referenceAdam,
  referenceAdamax,
  referenceLion,
  referenceNadam,
  referenceRmsprop,
  referenceSgd,
  runReference,
  withWeightDecay,
} from './test-support/reference-optimizers';

beforeAll(() => useBackend('cpu'));

const STEPS = 5;
// float32 tensors against float64 loops: |ours - reference| <= 1e-6 + 1e-5 |reference|.
const tolerance = { rtol: 1e-5, atol: 1e-6 };

function expectMatches(
  optimizer: Optimizer,
  reference: ReferenceStep,
  learningRate: (t: number) => number,
  clip?: (grads: number[][]) => number[][],
): void {
  const expected = runReference(initialWeights, STEPS, reference, referenceGradients, learningRate, clip);
  const actual = runOptimizer(optimizer, STEPS);
  actual.forEach((weights, k) => {
    expectAllClose(weights, expected[k], tolerance);
  });
}

const constant = (value: number) => () => value;
const norm = (values: number[]) => Math.sqrt(values.reduce((sum, x) => sum + x * x, 0));

describe('update rules match Keras formulas (naive float64 loops, 5 steps)', () => {
  it('SGD, with momentum, with Nesterov', () => {
    expectMatches(new SGD({ learningRate: 0.1 }), referenceSgd(), constant(0.1));
    expectMatches(new SGD({ learningRate: 0.05, momentum: 0.9 }), referenceSgd({ momentum: 0.9 }), constant(0.05));
    expectMatches(
      new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
      referenceSgd({ momentum: 0.9, nesterov: true }),
      constant(0.05),
    );
  });

  it('RMSprop: plain, and centered with momentum (epsilon inside the square root)', () => {
    expectMatches(new RMSprop({ learningRate: 0.01 }), referenceRmsprop(), constant(0.01));
    expectMatches(
      new RMSprop({ learningRate: 0.01, momentum: 0.8, centered: true, rho: 0.8 }),
      referenceRmsprop({ momentum: 0.8, centered: true, rho: 0.8 }),
      constant(0.01),
    );
  });

  it('Adam and AMSGrad', () => {
    expectMatches(new Adam({ learningRate: 0.01 }), referenceAdam(), constant(0.01));
    expectMatches(new Adam({ learningRate: 0.01, amsgrad: true }), referenceAdam({ amsgrad: true }), constant(0.01));
  });

  it('AdamW: Adam after decoupled weight decay (default 0.004)', () => {
    expectMatches(new AdamW({ learningRate: 0.01 }), withWeightDecay(referenceAdam(), 0.004), constant(0.01));
    expectMatches(
      new AdamW({ learningRate: 0.05, weightDecay: 0.5, amsgrad: true }),
      withWeightDecay(referenceAdam({ amsgrad: true }), 0.5),
      constant(0.05),
    );
  });

  it('Adagrad, Adadelta, Adamax, Nadam, Lion', () => {
    expectMatches(new Adagrad({ learningRate: 0.1 }), referenceAdagrad(), constant(0.1));
    expectMatches(new Adadelta({ learningRate: 1.0 }), referenceAdadelta(), constant(1.0));
    expectMatches(new Adamax({ learningRate: 0.02 }), referenceAdamax(), constant(0.02));
    expectMatches(new Nadam({ learningRate: 0.02 }), referenceNadam(), constant(0.02));
    expectMatches(new Lion({ learningRate: 0.01 }), referenceLion(), constant(0.01));
  });

  it('weight decay on any optimizer', () => {
    expectMatches(new SGD({ learningRate: 0.1, weightDecay: 0.3 }), withWeightDecay(referenceSgd(), 0.3), constant(0.1));
  });

  it('clipnorm, clipvalue, globalClipnorm', () => {
    const clipEach = (limit: number) => (grads: number[][]) =>
      grads.map((g) => g.map((x) => (x * limit) / Math.max(norm(g), limit)));
    expectMatches(new SGD({ learningRate: 0.1, clipnorm: 0.5 }), referenceSgd(), constant(0.1), clipEach(0.5));
    const clipValue = (grads: number[][]) => grads.map((g) => g.map((x) => Math.min(0.2, Math.max(-0.2, x))));
    expectMatches(new Adam({ learningRate: 0.01, clipvalue: 0.2 }), referenceAdam(), constant(0.01), clipValue);
    const clipGlobal = (grads: number[][]) => {
      const globalNorm = norm(grads.flat());
      return grads.map((g) => g.map((x) => x * 0.7 * Math.min(1 / globalNorm, 1 / 0.7)));
    };
    expectMatches(new SGD({ learningRate: 0.1, globalClipnorm: 0.7 }), referenceSgd(), constant(0.1), clipGlobal);
  });

  it('loss scale factor divides the gradients', () => {
    const unscale = (grads: number[][]) => grads.map((g) => g.map((x) => x / 4));
    expectMatches(new SGD({ learningRate: 0.1, lossScaleFactor: 4 }), referenceSgd(), constant(0.1), unscale);
  });

  it('learning-rate schedules see the iterations before the update', () => {
    const exponential = new ExponentialDecay(0.1, 2, 0.5);
    expectMatches(new SGD({ learningRate: exponential }), referenceSgd(), (t) => 0.1 * 0.5 ** ((t - 1) / 2));
    const cosine = new CosineDecay(0.001, 3, { warmupTarget: 0.01, warmupSteps: 2 });
    expectMatches(new Adam({ learningRate: cosine }), referenceAdam(), (t) => cosine.call(t - 1));
    // Weight decay uses the scheduled rate too.
    expectMatches(
      new SGD({ learningRate: new ExponentialDecay(0.1, 1, 0.8), weightDecay: 0.2 }),
      withWeightDecay(referenceSgd(), 0.2),
      (t) => 0.1 * 0.8 ** (t - 1),
    );
  });
});
