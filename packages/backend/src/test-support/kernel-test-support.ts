/**
 * Shared by the cpu kernel tests: deterministic data, running one kernel on
 * the cpu backend through the engine, and the agreement check.
 *
 * Agreement: max |strata − tfjs| ≤ 1e-5 · max |tfjs| over the whole output
 * (float32; the two sum the same products in different orders, and Strata in
 * float64 within a depth slice).
 */
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

export const relativeTolerance = 1e-5;

export type Shape4D = [number, number, number, number];
export type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

/** Deterministic values in [-1, 1) (a linear congruential generator). */
export function values(size: number, seed: number): Float32Array {
  let state = seed * 7919 + 17;
  const out = new Float32Array(size);
  for (let i = 0; i < size; ++i) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state / 2147483648) * 2 - 1;
  }
  return out;
}

export function randomTensor(shape: number[], seed: number): tf.Tensor {
  return tf.tensor(values(shape.reduce((product, size) => product * size, 1), seed), shape);
}

export interface KernelResult {
  shape: number[];
  data: Float32Array;
}

/** Runs `kernelName` on the active (cpu) backend and reads its output. */
export function runKernel(kernelName: string, inputs: Record<string, tf.Tensor | undefined>, attrs: object): KernelResult {
  const present: tf.NamedTensorMap = {};
  for (const [name, tensor] of Object.entries(inputs)) if (tensor !== undefined) present[name] = tensor;
  const output = tf.engine().runKernel(kernelName, present, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: output.shape, data: output.dataSync() as Float32Array };
  output.dispose();
  return result;
}

/**
 * Same shape, and every element within relativeTolerance · max |expected|:
 * expectAllClose with an absolute tolerance scaled to the output, since a
 * kernel's sums in another order err relative to their largest terms.
 */
export function expectAgreement(actual: KernelResult, expected: KernelResult): void {
  expect(actual.shape).toEqual(expected.shape);
  const scale = expected.data.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
  expect(scale).toBeGreaterThan(0); // a case whose answer is all zeros would test nothing
  expectAllClose(actual.data, expected.data, { rtol: 0, atol: relativeTolerance * scale });
}

/** The output shape of a convolution, as tfjs computes it. */
export function convOutShape(
  xShape: Shape4D,
  filterShape: Shape4D,
  strides: number | [number, number],
  pad: Pad,
  dataFormat: 'NHWC' | 'NCHW' = 'NHWC',
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
  dilations: number | [number, number] = 1,
): Shape4D {
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  return info.outShape as Shape4D;
}

/** Describes a case in a test name. */
export function describeCase(parts: Record<string, unknown>): string {
  return Object.entries(parts)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(' ');
}
