/**
 * Each of Strata's wasm kernels against tfjs's cpu kernel of the same name,
 * run through the engine with the same inputs and attributes, on shapes that
 * cover strides 1 and 2, dilation 2, 'same', 'valid' and explicit padding,
 * odd sizes, batch 1 and above, and several channel counts. Agreement is
 * max |wasm − cpu| ≤ 1e-4 · max |cpu| (float32 sums in another order).
 * Kernels Strata registers for wasm under its own names (MaxPoolGrad's,
 * Conv2DBackpropInput's, Sum's) run on wasm under those names (`onWasm`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { useBackend } from '../use-backend';
import { STRATA_CONV2D_BACKPROP_INPUT, STRATA_MAX_POOL_GRAD, STRATA_SUM_LEADING_AXES } from '../kernel-names';
import { strataWasmKernelKind } from '../wasm-training-kernels';

type Shape4D = [number, number, number, number];
type Pad = 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;

interface KernelCase {
  name: string;
  inputs: Record<string, { shape: number[]; dtype?: 'float32' | 'int32'; values: number[] }>;
  attrs: Record<string, unknown>;
}

/** Deterministic values in [-1, 1) (a linear congruential generator), so both backends see the same data. */
function values(size: number, seed: number): number[] {
  let state = seed * 7919 + 17;
  return Array.from({ length: size }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return (state / 2147483648) * 2 - 1;
  });
}

function sizeOf(shape: number[]): number {
  return shape.reduce((product, dimension) => product * dimension, 1);
}

function random(shape: number[], seed: number): { shape: number[]; values: number[] } {
  return { shape, values: values(sizeOf(shape), seed) };
}

/** The name each kernel of tfjs's has on wasm, where Strata registers its version under a name of its own. */
const onWasm: Readonly<Record<string, string>> = {
  MaxPoolGrad: STRATA_MAX_POOL_GRAD,
  Conv2DBackpropInput: STRATA_CONV2D_BACKPROP_INPUT,
  Sum: STRATA_SUM_LEADING_AXES,
};

async function runOn(backendName: 'cpu' | 'wasm', kernelCase: KernelCase): Promise<{ shape: number[]; data: number[] }> {
  await tf.setBackend(backendName);
  const kernelName = backendName === 'wasm' ? (onWasm[kernelCase.name] ?? kernelCase.name) : kernelCase.name;
  const inputs: Record<string, tf.Tensor> = {};
  for (const [name, input] of Object.entries(kernelCase.inputs)) inputs[name] = tf.tensor(input.values, input.shape, input.dtype);
  const tensorsBefore = tf.memory().numTensors;
  const dataIdsBefore = tf.backend().numDataIds();
  const output = tf.engine().runKernel(kernelName, inputs, kernelCase.attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { shape: output.shape, data: Array.from(await output.data()) };
  output.dispose();
  // Every intermediate of a composed kernel is freed; only the output was ever visible.
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.backend().numDataIds()).toBe(dataIdsBefore);
  tf.dispose(Object.values(inputs));
  return result;
}

/**
 * Runs `kernelCase` on wasm and `cpuCase` (by default the same) on cpu, and
 * compares with the cpu result passed through `expected`.
 */
async function expectWasmMatchesCpu(
  kernelCase: KernelCase,
  cpuCase: KernelCase = kernelCase,
  expected: (cpu: { shape: number[]; data: number[] }) => { shape: number[]; data: number[] } = (cpu) => cpu,
): Promise<void> {
  const reference = expected(await runOn('cpu', cpuCase));
  const actual = await runOn('wasm', kernelCase);
  expect(actual.shape).toEqual(reference.shape);
  const scale = Math.max(...reference.data.map(Math.abs));
  expect(scale).toBeGreaterThan(0);
  const worst = Math.max(...actual.data.map((value, index) => Math.abs(value - reference.data[index])));
  expect(worst).toBeLessThanOrEqual(1e-4 * scale);
}

function convOutShape(xShape: Shape4D, filterShape: Shape4D, strides: number, dilations: number, pad: Pad, depthwise: boolean) {
  return tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, undefined, depthwise).outShape;
}

interface ConvCase {
  x: Shape4D;
  filter: Shape4D;
  strides: number;
  pad: Pad;
  dilations?: number;
}

// Conv2DBackpropInput takes its 'rows' route where the input has at least twice the output's
// pixels (strides 2, small 'valid' maps) and its 'spread' route elsewhere: both appear below.
const convCases: ConvCase[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { x: [3, 7, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { x: [2, 9, 9, 3], filter: [3, 3, 3, 8], strides: 2, pad: 'same' },
  { x: [2, 8, 7, 5], filter: [3, 2, 5, 6], strides: 2, pad: 'valid' },
  { x: [4, 13, 13, 8], filter: [3, 3, 8, 16], strides: 1, pad: 'valid' },
  { x: [2, 6, 6, 4], filter: [5, 5, 4, 3], strides: 1, pad: 'same' },
  { x: [2, 9, 8, 12], filter: [3, 3, 12, 5], strides: 2, pad: 'same' },
  { x: [1, 10, 11, 2], filter: [4, 4, 2, 5], strides: 2, pad: 'same' },
  {
    x: [2, 6, 7, 3],
    filter: [3, 3, 3, 2],
    strides: 1,
    pad: [
      [0, 0],
      [1, 2],
      [2, 0],
      [0, 0],
    ],
  },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
];

const depthwiseCases: ConvCase[] = [
  { x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { x: [3, 7, 9, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'same' },
  { x: [2, 9, 9, 4], filter: [3, 3, 4, 2], strides: 2, pad: 'same' },
  { x: [2, 8, 7, 5], filter: [3, 2, 5, 1], strides: 2, pad: 'valid' },
  { x: [2, 9, 10, 3], filter: [3, 3, 3, 1], strides: 1, pad: 'same', dilations: 2 },
  { x: [1, 11, 9, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'valid', dilations: 2 },
  { x: [4, 12, 12, 16], filter: [3, 3, 16, 1], strides: 1, pad: 'same' },
  { x: [2, 7, 7, 2], filter: [3, 3, 2, 2], strides: 1, pad: 1 },
];

/** A filter [kh, kw, c, m] with d − 1 zero taps inserted between its taps: dilation d as a plain filter. */
function dilateFilter(filter: { shape: number[]; values: number[] }, dilation: number): { shape: number[]; values: number[] } {
  const [height, width, channels, multiplier] = filter.shape;
  const shape = [(height - 1) * dilation + 1, (width - 1) * dilation + 1, channels, multiplier];
  const dilated = new Array<number>(sizeOf(shape)).fill(0);
  const depth = channels * multiplier;
  for (let i = 0; i < height; ++i) {
    for (let j = 0; j < width; ++j) {
      for (let k = 0; k < depth; ++k) dilated[((i * dilation) * shape[1] + j * dilation) * depth + k] = filter.values[(i * width + j) * depth + k];
    }
  }
  return { shape, values: dilated };
}

/** The taps of a dilated filter's gradient that belong to the real filter [kh, kw, c, m]. */
function undilateGradient(filterShape: number[], dilation: number) {
  return (dilatedGradient: { shape: number[]; data: number[] }) => {
    const [height, width, channels, multiplier] = filterShape;
    const depth = channels * multiplier;
    const data: number[] = [];
    for (let i = 0; i < height; ++i) {
      for (let j = 0; j < width; ++j) {
        const offset = (i * dilation * dilatedGradient.shape[1] + j * dilation) * depth;
        data.push(...dilatedGradient.data.slice(offset, offset + depth));
      }
    }
    return { shape: filterShape, data };
  };
}

function describeCase({ x, filter, strides, pad, dilations = 1 }: ConvCase): string {
  return `x ${x.join('×')}, filter ${filter.join('×')}, strides ${strides}, dilations ${dilations}, pad ${JSON.stringify(pad)}`;
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('Strata wasm kernels agree with tfjs cpu', () => {
  test('are registered as native compositions', () => {
    for (const name of [
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
      'UnsortedSegmentSum',
      'Identity',
      ...Object.values(onWasm),
    ]) {
      expect(strataWasmKernelKind(name)).toBe('native');
    }
    expect(strataWasmKernelKind('Einsum')).toBe('cpu-copy');
    // tfjs-backend-wasm's own kernels under tfjs's names stay tfjs's.
    for (const name of ['Conv2D', ...Object.keys(onWasm)]) expect(strataWasmKernelKind(name)).toBeUndefined();
  });

  test.each(convCases.map((convCase, index) => [describeCase(convCase), convCase, index] as const))(
    'Conv2DBackpropFilter and Conv2DBackpropInput: %s',
    async (_, { x, filter, strides, pad }, index) => {
      const dy = random(convOutShape(x, filter, strides, 1, pad, false), 100 + index);
      const attrs = { strides, pad, dataFormat: 'NHWC' };
      await expectWasmMatchesCpu({
        name: 'Conv2DBackpropFilter',
        inputs: { x: random(x, index), dy },
        attrs: { ...attrs, filterShape: filter },
      });
      await expectWasmMatchesCpu({
        name: 'Conv2DBackpropInput',
        inputs: { dy, filter: random(filter, 200 + index) },
        attrs: { ...attrs, inputShape: x },
      });
    },
  );

  test('Conv2DBackpropFilter and Conv2DBackpropInput with NCHW data', async () => {
    const filter: Shape4D = [3, 3, 3, 4];
    const channelsFirst: Shape4D = [2, 3, 9, 8];
    const dyShape = tf.backend_util.computeConv2DInfo(channelsFirst, filter, 2, 1, 'same', undefined, false, 'channelsFirst').outShape;
    const attrs = { strides: 2, pad: 'same', dataFormat: 'NCHW' };
    const dy = random(dyShape, 7);
    await expectWasmMatchesCpu({
      name: 'Conv2DBackpropFilter',
      inputs: { x: random(channelsFirst, 8), dy },
      attrs: { ...attrs, filterShape: filter },
    });
    await expectWasmMatchesCpu({
      name: 'Conv2DBackpropInput',
      inputs: { dy, filter: random(filter, 9) },
      attrs: { ...attrs, inputShape: channelsFirst },
    });
  });

  test.each(depthwiseCases.map((convCase, index) => [describeCase(convCase), convCase, index] as const))(
    'DepthwiseConv2dNativeBackpropFilter and …BackpropInput: %s',
    async (_, { x, filter, strides, pad, dilations = 1 }, index) => {
      const dy = random(convOutShape(x, filter, strides, dilations, pad, true), 300 + index);
      // tfjs's cpu kernels ignore dilations (tfjs's own gradient never passes one above 1),
      // so the reference for dilation d runs the zero-dilated filter with dilation 1.
      const xValues = random(x, 400 + index);
      const filterValues = random(filter, 500 + index);
      const dilatedShape = dilateFilter(filterValues, dilations).shape;
      await expectWasmMatchesCpu(
        {
          name: 'DepthwiseConv2dNativeBackpropFilter',
          inputs: { x: xValues, dy },
          attrs: { strides, pad, dilations, filterShape: filter },
        },
        {
          name: 'DepthwiseConv2dNativeBackpropFilter',
          inputs: { x: xValues, dy },
          attrs: { strides, pad, dilations: 1, filterShape: dilatedShape },
        },
        undilateGradient(filter, dilations),
      );
      await expectWasmMatchesCpu(
        {
          name: 'DepthwiseConv2dNativeBackpropInput',
          inputs: { dy, filter: filterValues },
          attrs: { strides, pad, dilations, inputShape: x },
        },
        {
          name: 'DepthwiseConv2dNativeBackpropInput',
          inputs: { dy, filter: dilateFilter(filterValues, dilations) },
          attrs: { strides, pad, dilations: 1, inputShape: x },
        },
      );
    },
  );

  const poolCases: Array<{ x: Shape4D; filterSize: number; strides: number; pad: Pad }> = [
    { x: [2, 8, 8, 3], filterSize: 2, strides: 2, pad: 'valid' },
    { x: [1, 7, 9, 2], filterSize: 3, strides: 2, pad: 'same' },
    { x: [3, 6, 5, 4], filterSize: 3, strides: 1, pad: 'valid' },
    { x: [2, 5, 5, 1], filterSize: 2, strides: 1, pad: 'same' },
    // Windows that tile the input but take the scalar loop (3 channels, 3×3 tiles), with an unused last row and column.
    { x: [2, 7, 9, 3], filterSize: 2, strides: 2, pad: 'valid' },
    { x: [1, 6, 9, 2], filterSize: 3, strides: 3, pad: 'valid' },
    { x: [2, 8, 6, 4], filterSize: 2, strides: 2, pad: 'same' },
    // 2×2 tiles with channels a multiple of 4: the SIMD rows.
    { x: [3, 6, 9, 8], filterSize: 2, strides: 2, pad: 'valid' },
  ];
  test.each(poolCases.map((poolCase, index) => [JSON.stringify(poolCase), poolCase, index] as const))(
    'MaxPoolGrad, including all-negative windows and ties: %s',
    async (_, { x, filterSize, strides, pad }, index) => {
      // Negative values, and zeros (ties) where a ReLU would have cut them, as after a ReLU layer.
      const input = values(sizeOf(x), 600 + index).map((value, i) => (i % 3 === 0 ? Math.min(0, value) : value - 0.5));
      const output = tf.tidy(() => tf.maxPool(tf.tensor(input, x) as tf.Tensor4D, filterSize, strides, pad));
      const outputValues = { shape: output.shape, values: Array.from(output.dataSync()) };
      output.dispose();
      await expectWasmMatchesCpu({
        name: 'MaxPoolGrad',
        inputs: { dy: random(outputValues.shape, 700 + index), input: { shape: x, values: input }, output: outputValues },
        attrs: { filterSize, strides, pad },
      });
    },
  );

  test('MaxPoolGrad with NaN and −∞ in windows, and with a pooled output it cannot match', async () => {
    const x: Shape4D = [1, 4, 6, 2];
    const input = values(sizeOf(x), 800);
    for (const index of [0, 1, 3, 13, 14]) input[index] = Number.NaN;
    for (const index of [2, 4, 5, 15, 16, 17, 26, 27, 36, 37]) input[index] = Number.NEGATIVE_INFINITY;
    const outputShape = [1, 2, 3, 2];
    const pooled = tf.tidy(() => Array.from(tf.maxPool(tf.tensor(input, x) as tf.Tensor4D, 2, 2, 'valid').dataSync()));
    const cases = [pooled, new Array(sizeOf(outputShape)).fill(Number.NaN)];
    for (const outputValues of cases) {
      await expectWasmMatchesCpu({
        name: 'MaxPoolGrad',
        inputs: {
          dy: random(outputShape, 801),
          input: { shape: x, values: input },
          output: { shape: outputShape, values: outputValues },
        },
        attrs: { filterSize: 2, strides: 2, pad: 'valid' },
      });
    }
  });

  test('Identity shares the memory of its input, which outlives either tensor alone', async () => {
    const before = tf.memory().numDataBuffers;
    const x = tf.tensor([1.5, -2, 3], [3]);
    const y = tf.clone(x);
    expect(tf.memory().numDataBuffers - before).toBe(1);
    expect(tf.backend().refCount(x.dataId)).toBe(2);
    x.dispose();
    expect(Array.from(await y.data())).toEqual([1.5, -2, 3]);
    y.dispose();
    expect(tf.memory().numDataBuffers).toBe(before);
  });

  test('MaxPoolGrad in SIMD rows falls back to the scalar rules for NaN and −∞ windows', async () => {
    const x: Shape4D = [1, 4, 4, 4];
    const input = values(sizeOf(x), 900);
    for (const index of [0, 5, 17, 22]) input[index] = Number.NaN;
    for (const index of [34, 38, 50, 54]) input[index] = Number.NEGATIVE_INFINITY;
    const pooled = tf.tidy(() => Array.from(tf.maxPool(tf.tensor(input, x) as tf.Tensor4D, 2, 2, 'valid').dataSync()));
    const outputShape = [1, 2, 2, 4];
    await expectWasmMatchesCpu({
      name: 'MaxPoolGrad',
      inputs: { dy: random(outputShape, 901), input: { shape: x, values: input }, output: { shape: outputShape, values: pooled } },
      attrs: { filterSize: 2, strides: 2, pad: 'valid' },
    });
  });

  test('UnsortedSegmentSum: rows, blocks, ids out of range, int32 values', async () => {
    const ids = [0, 3, 3, 1, 0, 5, -1, 2];
    await expectWasmMatchesCpu({
      name: 'UnsortedSegmentSum',
      inputs: { x: random([8, 6], 1), segmentIds: { shape: [8], dtype: 'int32', values: ids } },
      attrs: { numSegments: 5 },
    });
    // Two-dimensional ids: tfjs's cpu kernel fails to broadcast them, so the reference is the 1-D case.
    const blocks = random([2, 4, 3, 2], 2);
    await expectWasmMatchesCpu(
      {
        name: 'UnsortedSegmentSum',
        inputs: { x: blocks, segmentIds: { shape: [2, 4], dtype: 'int32', values: ids } },
        attrs: { numSegments: 7 },
      },
      {
        name: 'UnsortedSegmentSum',
        inputs: { x: { shape: [8, 3, 2], values: blocks.values }, segmentIds: { shape: [8], dtype: 'int32', values: ids } },
        attrs: { numSegments: 7 },
      },
    );
    await expectWasmMatchesCpu({
      name: 'UnsortedSegmentSum',
      inputs: {
        x: { shape: [4, 2], dtype: 'int32', values: [1, 2, 3, 4, 5, 6, 7, 8] },
        segmentIds: { shape: [4], dtype: 'int32', values: [1, 1, 0, 2] },
      },
      attrs: { numSegments: 3 },
    });
  });

  test.each([
    ['a bias gradient: every axis but the last', [32, 13, 13, 8], [0, 1, 2], false],
    ['leading axes, kept as ones', [300, 3, 4], [0], true],
    ['two leading axes given out of order and negative', [20, 30, 5], [-2, 0], false],
    ["inner axes (wasm's own Sum)", [4, 300, 6], [1, 2], false],
    ["every axis (wasm's own Sum)", [40, 30], [0, 1], false],
    ["few rows (wasm's own Sum)", [8, 16], [0], true],
  ] as const)('Sum over %s', async (_, shape, axis, keepDims) => {
    // Positive values, so that the tolerance relative to the largest sum is not defeated by cancellation.
    const x = random([...shape], 11);
    x.values = x.values.map((value) => value + 1);
    await expectWasmMatchesCpu({ name: 'Sum', inputs: { x }, attrs: { axis: [...axis], keepDims } });
  });

  test("Sum of int32 values goes to wasm's own Sum and stays exact", async () => {
    const ints = { shape: [300, 2], dtype: 'int32' as const, values: Array.from({ length: 600 }, (_, i) => (i * 7919) % 1000) };
    await expectWasmMatchesCpu({ name: 'Sum', inputs: { x: ints }, attrs: { axis: [0], keepDims: false } });
  });
});
