/**
 * One test harness for every layer, at the level of Keras's run_layer_test
 * (keras/src/testing/test_case.py): given a layer factory and inputs it checks
 * the config round trip through the class's fromConfig, weight counts after
 * build, the symbolic and eager outputs (shape, dtype, values), masking, the
 * losses the layer adds, seed determinism, one SGD step on the trainable
 * weights, finite-difference gradients, the kernels the training step runs on
 * the active backend, and that nothing leaks a tensor. Every value is read
 * asynchronously (`await tensor.data()`), so the same checks run on webgpu,
 * which cannot read synchronously in Node.
 */
import { checkVariableGradientsAsync, expectAllCloseAsync, kernelsRunBy } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { CallOptions, Layer } from '../engine/layer';
import { isSymbolic, type SymbolicTensor } from '../engine/symbolic-tensor';
import { setRandomSeed } from '../initializers/seed';
import type { RegisteredLayerClass } from '../registry';
import { eagerInputs, type InputDtype, type InputShapes, listOf, symbolicInputs } from './layer-inputs';
import { runTrainingCheck } from './training-check';

type Nested = number | Nested[];

export interface LayerTestSpec {
  /** A fresh layer each call (Keras's `layer_cls(**init_kwargs)`); its class's static fromConfig is the round trip. */
  make: () => Layer;
  /** Batch shape of the input, or a list of them for several inputs. Exclusive with `inputData`. */
  inputShape?: InputShapes;
  /** dtype of the random inputs (one, or one per input); float32 by default. */
  inputDtype?: InputDtype | InputDtype[];
  /** Upper bound (exclusive) of random integer inputs. */
  maxValue?: number;
  /** Fixed inputs (strings for lookup and text layers); the harness disposes them. */
  inputData?: () => tf.Tensor | tf.Tensor[];
  /** Options for every call (training is set by each check). */
  callOptions?: CallOptions;
  expectedOutputShape?: number[] | number[][];
  expectedOutputDtype?: tf.DataType;
  /** Exact expected output (with `inputData`), compared with expectAllClose. */
  expectedOutput?: Nested;
  expectedTrainableWeights?: number;
  expectedNonTrainableWeights?: number;
  /** Losses the layer adds on a call (activity regularization) and for its weights (regularizers). */
  expectedLosses?: number;
  /** The layer's `supportsMasking`. */
  supportsMasking?: boolean;
  /** The mask computeMask returns for the input (and `callOptions.mask`), computed by the test from the input. */
  expectedMask?: (inputs: tf.Tensor | tf.Tensor[]) => tf.Tensor;
  /**
   * The layer draws random numbers in training with a seed: two layers made alike give the same
   * outputs, and a second call draws new ones (Keras's SeedGenerator).
   */
  seeded?: boolean;
  /** Outputs differ from call to call in training (random layers): no loss-decrease or gradient check. */
  random?: boolean;
  /** Skip the one-step SGD check (Keras's run_training_check=False). */
  skipTrainingCheck?: boolean;
  /** Skip the finite-difference check of the weights' gradient (non-smooth layers). */
  skipGradientCheck?: boolean;
  /**
   * Largest relative error of the finite-difference check; 2e-2 by default. A wrong gradient is off
   * by O(1); deep compositions (attention's softmax, several recurrent steps) have truncation
   * errors of a few 1e-2 at float32's step of 1e-2.
   */
  gradientTolerance?: number;
  /** Kernels the training step must run, by backend: a layer that falls back from its fast path fails. */
  fastPathKernels?: Partial<Record<string, string[]>>;
  /**
   * A bug the harness found and that is not fixed yet, by backend: the test is declared with
   * vitest's it.fails, so it stays visible and turns red the day the bug is fixed.
   */
  knownFailure?: Partial<Record<string, string>>;
  /** Kernels the training step must not run, by backend (the slow path a fast one replaces). */
  forbiddenKernels?: Partial<Record<string, string[]>>;
}

function layerClass(layer: Layer): RegisteredLayerClass {
  return layer.constructor as unknown as RegisteredLayerClass;
}

function makeInputs(spec: LayerTestSpec): tf.Tensor | tf.Tensor[] {
  if (spec.inputData) return spec.inputData();
  if (!spec.inputShape) throw new Error('A layer test spec needs inputShape or inputData.');
  return eagerInputs(spec.inputShape, spec.inputDtype ?? 'float32', spec.maxValue);
}

function shapeOf(outputs: tf.Tensor | tf.Tensor[] | SymbolicTensor | SymbolicTensor[]): Array<Array<number | null>> {
  return listOf(outputs as Array<tf.Tensor | SymbolicTensor>).map((t) => [...t.shape]);
}

/** Disposes outputs that are not among the inputs (Identity returns its input). */
function disposeOutputs(outputs: tf.Tensor | tf.Tensor[], inputs: tf.Tensor | tf.Tensor[]): void {
  const kept = new Set(listOf(inputs));
  tf.dispose(listOf(outputs).filter((t) => !kept.has(t)));
}

/**
 * Compares pairs of tensors that `make` computes in a tidy, reading them
 * asynchronously, then disposes those that are not among `inputs`.
 */
async function expectPairsClose(
  make: () => Array<[tf.Tensor, tf.Tensor]>,
  inputs: tf.Tensor | tf.Tensor[],
  tolerance?: { rtol: number; atol: number },
): Promise<void> {
  const pairs = tf.tidy(make);
  try {
    for (const [actual, expected] of pairs) await expectAllCloseAsync(actual, expected, tolerance);
  } finally {
    disposeOutputs(pairs.flat(), inputs);
  }
}

function call(layer: Layer, inputs: tf.Tensor | tf.Tensor[], spec: LayerTestSpec, training: boolean): tf.Tensor | tf.Tensor[] {
  return layer.apply(inputs, { ...spec.callOptions, training });
}

async function checkConfigRoundTrip(spec: LayerTestSpec, inputs: tf.Tensor | tf.Tensor[]): Promise<void> {
  const layer = spec.make();
  const config = layer.getConfig();
  const rebuilt = layerClass(layer).fromConfig(JSON.parse(JSON.stringify(config)));
  expect(rebuilt.constructor, 'fromConfig rebuilds the same class').toBe(layer.constructor);
  expect(rebuilt.getConfig(), 'the config survives fromConfig').toEqual(config);
  await expectPairsClose(() => {
    call(layer, inputs, spec, false);
    call(rebuilt, inputs, spec, false);
    rebuilt.setWeights(layer.getWeights());
    const expected = listOf(call(layer, inputs, spec, false));
    return listOf(call(rebuilt, inputs, spec, false)).map((output, i): [tf.Tensor, tf.Tensor] => [output, expected[i]]);
  }, inputs);
  tf.tidy(() => layer.clearCallLosses());
  layer.dispose();
  rebuilt.dispose();
}

function checkWeightCounts(layer: Layer, spec: LayerTestSpec): void {
  expect(layer.built, `layer "${layer.name}" is built`).toBe(true);
  if (spec.expectedTrainableWeights !== undefined) {
    expect(layer.trainableWeights.length, 'trainable weights').toBe(spec.expectedTrainableWeights);
  }
  if (spec.expectedNonTrainableWeights !== undefined) {
    expect(layer.nonTrainableWeights.length, 'non-trainable weights').toBe(spec.expectedNonTrainableWeights);
  }
}

function checkSymbolic(spec: LayerTestSpec, inputs: tf.Tensor | tf.Tensor[], eagerShapes: number[][], eagerDtype: tf.DataType): void {
  const layer = spec.make();
  // The spec's call options other than a (concrete) mask: a layer's own options change its output shape.
  const { mask: _mask, ...options } = spec.callOptions ?? {};
  const outputs = layer.apply(symbolicInputs(inputs) as SymbolicTensor[], options);
  expect(listOf(outputs).every(isSymbolic)).toBe(true);
  checkWeightCounts(layer, spec);
  const symbolicShapes = shapeOf(outputs);
  expect(symbolicShapes.map((s) => s.slice(1)), 'symbolic output shapes').toEqual(eagerShapes.map((s) => s.slice(1)));
  expect(listOf(outputs as SymbolicTensor[])[0].dtype, 'symbolic output dtype').toBe(eagerDtype);
  layer.dispose();
}

async function checkMasking(layer: Layer, spec: LayerTestSpec, inputs: tf.Tensor | tf.Tensor[]): Promise<void> {
  if (spec.supportsMasking !== undefined) expect(layer.supportsMasking, 'supportsMasking').toBe(spec.supportsMasking);
  const expectedMask = spec.expectedMask;
  if (!expectedMask) return;
  await expectPairsClose(() => {
    const mask = layer.computeMask(inputs, spec.callOptions?.mask, spec.callOptions as Record<string, unknown> | undefined);
    const expected = expectedMask(inputs);
    expect(mask, `layer "${layer.name}" computes a mask`).toBeInstanceOf(tf.Tensor);
    expect((mask as tf.Tensor).shape, 'mask shape').toEqual(expected.shape);
    return [[tf.cast(mask as tf.Tensor, 'int32'), tf.cast(expected, 'int32')]];
  }, inputs);
}

async function checkSeeds(spec: LayerTestSpec, inputs: tf.Tensor | tf.Tensor[]): Promise<void> {
  const [first, second] = [spec.make(), spec.make()];
  let moved: tf.Tensor | undefined;
  await expectPairsClose(
    () => {
      // Built alike first: only the seed may make the training outputs agree.
      call(first, inputs, spec, false);
      call(second, inputs, spec, false);
      second.setWeights(first.getWeights());
      const a = listOf(call(first, inputs, spec, true));
      const b = listOf(call(second, inputs, spec, true));
      const again = listOf(call(first, inputs, spec, true));
      moved = tf.keep(tf.any(tf.stack(again.map((output, i) => tf.any(tf.notEqual(output, a[i]))))));
      return b.map((output, i): [tf.Tensor, tf.Tensor] => [output, a[i]]);
    },
    inputs,
    { rtol: 0, atol: 0 },
  );
  const drawsAgain = (await moved!.data())[0] === 1;
  moved!.dispose();
  expect(drawsAgain, `a second call of layer "${first.name}" draws new random numbers`).toBe(true);
  first.dispose();
  second.dispose();
}

/** Runs every check on the active backend and returns the kernels the training step ran. */
export async function runLayerTest(spec: LayerTestSpec): Promise<{ kernels: string[] }> {
  // Initial weights from a fixed stream: the same numbers whatever ran before in the file.
  setRandomSeed(1234);
  const before = tf.memory().numTensors;
  const inputs = makeInputs(spec);
  await checkConfigRoundTrip(spec, inputs);

  // Eager call: output shape, dtype and values, computeOutputShape, losses, masking.
  const layer = spec.make();
  // In a tidy: an eager call outside one would leave its intermediate tensors to the leak check.
  const outputs = tf.tidy(() => call(layer, inputs, spec, false));
  const eagerShapes = shapeOf(outputs) as number[][];
  const eagerDtype = listOf(outputs)[0].dtype;
  checkWeightCounts(layer, spec);
  if (spec.expectedOutputShape) {
    expect(eagerShapes, 'output shapes').toEqual(Array.isArray(spec.expectedOutputShape[0]) ? spec.expectedOutputShape : [spec.expectedOutputShape]);
  }
  if (spec.expectedOutputDtype) expect(eagerDtype, 'output dtype').toBe(spec.expectedOutputDtype);
  if (spec.expectedOutput !== undefined) {
    const expected = listOf(outputs).length === 1 ? [spec.expectedOutput] : (spec.expectedOutput as Nested[]);
    const cast = tf.tidy(() => listOf(outputs).map((output) => tf.cast(output, 'float32')));
    try {
      for (const [i, output] of cast.entries()) await expectAllCloseAsync(output, expected[i]);
    } finally {
      disposeOutputs(cast, [...listOf(outputs), ...listOf(inputs)]);
    }
  }
  const inputShapes = listOf(inputs).map((t) => [null, ...t.shape.slice(1)]);
  const computed = layer.computeOutputShape(Array.isArray(inputs) ? inputShapes : inputShapes[0], spec.callOptions);
  const computedList = (Array.isArray(computed[0]) || computed[0] === undefined ? computed : [computed]) as Array<Array<number | null>>;
  expect(computedList.map((s) => s.slice(1)), 'computeOutputShape').toEqual(eagerShapes.map((s) => s.slice(1)));
  if (spec.expectedLosses !== undefined) {
    tf.tidy(() => {
      expect(layer.regularizationLosses().length, 'losses the layer adds').toBe(spec.expectedLosses);
    });
  }
  disposeOutputs(outputs, inputs);
  tf.tidy(() => layer.clearCallLosses());
  await checkMasking(layer, spec, inputs);
  checkSymbolic(spec, inputs, eagerShapes, eagerDtype);

  // Calls leave nothing behind once their tidy ends.
  const beforeCalls = tf.memory().numTensors;
  for (const training of [false, true, false]) {
    tf.tidy(() => {
      call(layer, inputs, spec, training);
      layer.clearCallLosses();
    });
  }
  expect(tf.memory().numTensors - beforeCalls, `tensors left alive by calls of layer "${layer.name}"`).toBe(0);

  if (spec.seeded) await checkSeeds(spec, inputs);
  const deterministic = !spec.random && !spec.seeded;
  if (!spec.skipGradientCheck && deterministic && layer.trainableWeights.length > 0) {
    const projections = eagerShapes.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 7 + i));
    // The float inputs as variables too: the gradient that flows to the layer below (a first layer's
    // input gradient is otherwise never computed, and wasm's Conv3D input gradient was wrong unseen).
    const inputVariables = listOf(inputs).map((t) => (t.dtype === 'float32' ? tf.variable(t, true) : null));
    const variableInputs = listOf(inputs).map((t, i) => inputVariables[i] ?? t);
    const callInputs = Array.isArray(inputs) ? variableInputs : variableInputs[0];
    const objective = () =>
      tf.addN(listOf(call(layer, callInputs, spec, false)).map((o, i) => tf.sum(tf.mul(tf.cast(o, 'float32'), projections[i])))) as tf.Scalar;
    const checked = [...layer.trainableWeights.map((w) => w.value), ...inputVariables.filter((v): v is tf.Variable => v !== null)];
    const { maxRelativeError } = await checkVariableGradientsAsync(objective, checked, { samples: 8 });
    tf.dispose([...projections, ...inputVariables.filter((v): v is tf.Variable => v !== null)]);
    tf.tidy(() => layer.clearCallLosses());
    expect(maxRelativeError, `finite differences agree with the gradient of layer "${layer.name}" for its weights and float inputs`).toBeLessThan(
      spec.gradientTolerance ?? 2e-2,
    );
  }

  let kernels: string[] = [];
  if (!spec.skipTrainingCheck) {
    kernels = (await runTrainingCheck(layer, inputs, spec.callOptions ?? {}, { deterministic })).kernels;
    tf.tidy(() => layer.clearCallLosses());
  } else {
    kernels = kernelsRunBy(() =>
      tf.tidy(() => {
        call(layer, inputs, spec, true);
      }),
    );
  }
  const backendName = tf.getBackend();
  for (const name of spec.fastPathKernels?.[backendName] ?? []) {
    expect(kernels, `layer "${layer.name}" runs ${name} on ${backendName}`).toContain(name);
  }
  for (const name of spec.forbiddenKernels?.[backendName] ?? []) {
    expect(kernels, `layer "${layer.name}" does not fall back to ${name} on ${backendName}`).not.toContain(name);
  }

  layer.dispose();
  tf.dispose(listOf(inputs));
  expect(tf.memory().numTensors - before, 'tensors left alive by the layer test').toBe(0);
  return { kernels };
}
