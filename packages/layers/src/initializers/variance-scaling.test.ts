import { useBackend } from '@strata/backend';
import type * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeFans,
  GlorotNormal,
  GlorotUniform,
  HeNormal,
  HeUniform,
  LecunNormal,
  LecunUniform,
  VarianceScaling,
} from './variance-scaling';

beforeAll(() => useBackend('cpu'));

function spread(tensor: tf.Tensor): { std: number; maxAbs: number } {
  const values = tensor.dataSync();
  let squares = 0;
  let maxAbs = 0;
  for (const v of values) {
    squares += v * v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  tensor.dispose();
  return { std: Math.sqrt(squares / values.length), maxAbs };
}

describe('computeFans', () => {
  it('follows Keras for scalars, vectors, dense and convolution kernels', () => {
    expect(computeFans([])).toEqual([1, 1]);
    expect(computeFans([7])).toEqual([7, 7]);
    expect(computeFans([784, 128])).toEqual([784, 128]);
    // Conv1D/2D/3D kernels: receptive field × channels.
    expect(computeFans([5, 16, 32])).toEqual([80, 160]);
    expect(computeFans([3, 3, 1, 32])).toEqual([9, 288]);
    expect(computeFans([2, 3, 4, 6, 8])).toEqual([144, 192]);
  });

  it('uses explicit input and output axes, and reduces to the convolution rule for [-2] and [-1]', () => {
    expect(computeFans([64, 8, 16], { inputAxes: [0], outputAxes: [1, 2] })).toEqual([64, 128]);
    expect(computeFans([3, 3, 4, 8], { inputAxes: [-2], outputAxes: [-1] })).toEqual(computeFans([3, 3, 4, 8]));
  });
});

describe('VarianceScaling', () => {
  const shape = [300, 200];
  const [fanIn, fanOut] = [300, 200];

  it.each([
    ['GlorotUniform', new GlorotUniform({ seed: 1 }), Math.sqrt(6 / (fanIn + fanOut)), 'uniform'],
    ['HeUniform', new HeUniform({ seed: 2 }), Math.sqrt(6 / fanIn), 'uniform'],
    ['LecunUniform', new LecunUniform({ seed: 3 }), Math.sqrt(3 / fanIn), 'uniform'],
    ['GlorotNormal', new GlorotNormal({ seed: 4 }), Math.sqrt(2 / (fanIn + fanOut)), 'normal'],
    ['HeNormal', new HeNormal({ seed: 5 }), Math.sqrt(2 / fanIn), 'normal'],
    ['LecunNormal', new LecunNormal({ seed: 6 }), Math.sqrt(1 / fanIn), 'normal'],
  ] as const)('%s draws with the Keras variance', (_name, initializer, scaleValue, kind) => {
    const { std, maxAbs } = spread(initializer.call(shape));
    if (kind === 'uniform') {
      // scaleValue is the limit: the values stay inside it, with std limit / sqrt(3).
      expect(maxAbs).toBeLessThanOrEqual(scaleValue);
      expect(Math.abs(std - scaleValue / Math.sqrt(3)) / std).toBeLessThan(0.02);
    } else {
      // scaleValue is the target stddev, which the 0.8796 correction restores after truncation at 2σ.
      expect(maxAbs).toBeLessThanOrEqual((2 * scaleValue) / 0.87962566103423978 + 1e-6);
      expect(Math.abs(std - scaleValue) / scaleValue).toBeLessThan(0.02);
    }
  });

  it('supports fan_out, fan_avg and an untruncated normal', () => {
    const untruncated = spread(
      new VarianceScaling({ scale: 3, mode: 'fan_out', distribution: 'untruncated_normal', seed: 9 }).call(shape),
    );
    expect(Math.abs(untruncated.std - Math.sqrt(3 / fanOut)) / untruncated.std).toBeLessThan(0.02);
    // An untruncated normal of 60,000 values goes beyond 3σ.
    expect(untruncated.maxAbs).toBeGreaterThan(3 * Math.sqrt(3 / fanOut));
    const convolution = spread(new VarianceScaling({ mode: 'fan_avg', distribution: 'uniform', seed: 10 }).call([3, 3, 64, 64]));
    expect(convolution.maxAbs).toBeLessThanOrEqual(Math.sqrt(3 / 576));
  });

  it("accepts Keras 2's 'normal' as truncated_normal and validates its arguments", () => {
    expect(new VarianceScaling({ distribution: 'normal' }).distribution).toBe('truncated_normal');
    expect(() => new VarianceScaling({ scale: 0 })).toThrow(/`scale` must be positive.*scale=0/);
    expect(() => new VarianceScaling({ mode: 'fan_both' as never })).toThrow(/Invalid `mode` argument: fan_both/);
    expect(() => new VarianceScaling({ distribution: 'gamma' as never })).toThrow(/Invalid `distribution` argument: gamma/);
  });
});
