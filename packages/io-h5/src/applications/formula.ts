import type { Model } from '@strata/models';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Deterministic weights and inputs that Keras and Strata compute identically,
 * so that a committed config plus Keras's prediction proves parity without
 * committing the weights. The Python twin is scripts/applications/formula.py:
 * change both together. The pseudo-random numbers come from 32-bit integer
 * arithmetic, exact in both languages; they are scaled in float64 and rounded
 * to float32 once, as NumPy does there.
 */

/** Character codes weighted by position, modulo a prime: the same small hash on both sides. */
export function nameHash(name: string): number {
  let total = 0;
  for (let position = 0; position < name.length; position++) total = (total + (position + 1) * name.charCodeAt(position)) % 9973;
  return total;
}

function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

/** `size` numbers in [-1, 1) from the MurmurHash3 finalizer of (element index + seed * golden ratio), in exact 32-bit arithmetic. */
export function uniform(size: number, seed: number): Float64Array {
  // Int32 arithmetic throughout (Math.imul, ^, >>>) keeps V8 on small integers; the sum wraps modulo 2^32 as uint32 does.
  const start = Math.imul(seed, 0x9e3779b9);
  const values = new Float64Array(size);
  for (let element = 0; element < size; element++) {
    let h = (element + start) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    values[element] = (h >>> 0) / 2147483648 - 1;
  }
  return values;
}

/** Values for one variable of one layer, in C order. Variances stay positive; kernels get He's variance 2 / fan_in. */
export function formulaValues(layerName: string, layerClass: string, variableIndex: number, variableName: string, shape: readonly number[]): Float32Array {
  const wave = uniform(product(shape), nameHash(layerName) * 16 + variableIndex + 1);
  const shortName = variableName.split('/').pop() ?? variableName;
  let scale = 0.1;
  let offset = 0;
  if (shortName.includes('variance')) [offset, scale] = [1, 0.5];
  else if (shortName === 'gamma') [offset, scale] = [1, 0.2];
  else if (shape.length >= 2) {
    // A depthwise kernel (kh, kw, channels, multiplier) sums over kh * kw inputs only; Keras 3 names it
    // "kernel" in DepthwiseConv2D and "depthwise_kernel" in SeparableConv2D.
    const depthwise = shortName === 'depthwise_kernel' || layerClass.startsWith('DepthwiseConv');
    const fanIn = depthwise ? product(shape.slice(0, -2)) : product(shape.slice(0, -1));
    // Uniform in [-1, 1) has variance 1/3: this scale gives 2 / fan_in.
    scale = Math.sqrt(6 / fanIn);
  }
  const values = new Float32Array(wave.length);
  for (let index = 0; index < wave.length; index++) values[index] = offset + scale * wave[index];
  return values;
}

/** An image batch: in [0, 255] for models that rescale pixels themselves, else in [-1, 1]. */
export function formulaInput(shape: readonly number[], pixels: boolean): tf.Tensor {
  const wave = uniform(product(shape), 0);
  const values = new Float32Array(wave.length);
  for (let index = 0; index < wave.length; index++) values[index] = pixels ? 127.5 + 127.5 * wave[index] : wave[index];
  return tf.tensor(values, [...shape], 'float32');
}

/** Every float variable of every layer, by layer name and index within the layer (integer counters are left alone). */
export function assignFormulaWeights(model: Model): void {
  for (const layer of model.layers) {
    layer.weights.forEach((variable, index) => {
      if (variable.dtype !== 'float32') return;
      const value = tf.tensor(formulaValues(layer.name, layer.className, index, variable.name, variable.shape), variable.shape, 'float32');
      variable.assign(value);
      value.dispose();
    });
  }
}

/** max |actual - expected| / max |expected|: the error relative to the output's scale. */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  let scale = 0;
  for (let index = 0; index < expected.length; index++) {
    const difference = Math.abs(actual[index] - expected[index]);
    worst = Number.isNaN(difference) ? Number.POSITIVE_INFINITY : Math.max(worst, difference);
    scale = Math.max(scale, Math.abs(expected[index]));
  }
  return scale === 0 ? worst : worst / scale;
}
