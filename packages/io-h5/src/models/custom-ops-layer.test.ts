// A custom layer written the Keras 3 way: a Layer subclass that creates its weights with addWeight in build and
// whose call uses only @strata/ops (no tfjs op, no backend detail), so the same class runs on every backend. In a
// functional model it trains with fit on cpu, wasm and webgpu (skipped, with the reason, where no adapter is
// found); its weights after training match an independent computation of the same SGD steps, and its config and
// a .keras file written by io-h5 bring it back with the class passed as a custom object.
import { describeEachBackend } from '@strata/testing';
import { type CallOptions, Dense, Input, Layer, type LayerArgs, type LayerVariable, type Shape, type Tensors, builtInLayers, clearSession, layerArgsFromConfig } from '@strata/layers';
import { Model, modelFromConfig } from '@strata/models';
import * as ops from '@strata/ops';
import { SGD } from '@strata/optimizers';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { loadModel } from './load';
import { kerasModelConfig, serializeModel } from './save';
import { compileLeak, disposeLoaded, tensorCount } from '../test-support/loaded-models';

interface GatedNormalizationArgs extends LayerArgs {
  epsilon?: number;
}

/**
 * Normalizes each sample over its features, scales by `gamma` and multiplies by a learned gate:
 * y = gamma * (x - mean(x)) / sqrt(var(x) + epsilon) * sigmoid(x @ gate_kernel + gate_bias).
 */
class GatedNormalization extends Layer {
  static override className = 'GatedNormalization';
  // A user's class: Keras writes its module and registered name, as for a register_keras_serializable class.
  static override kerasModule = 'strata_tests';
  readonly epsilon: number;
  private gamma!: LayerVariable;
  private gateKernel!: LayerVariable;
  private gateBias!: LayerVariable;

  constructor(args: GatedNormalizationArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-3;
    if (!(this.epsilon > 0)) throw new Error(`GatedNormalization expects \`epsilon\` to be a positive number; received ${args.epsilon}.`);
  }

  override build(inputShape: Shape | Shape[]): void {
    const features = (inputShape as Shape)[(inputShape as Shape).length - 1] as number;
    this.gamma = this.addWeight('gamma', { shape: [features], initializer: 'ones' });
    this.gateKernel = this.addWeight('gate_kernel', { shape: [features, features], initializer: 'glorot_uniform' });
    this.gateBias = this.addWeight('gate_bias', { shape: [features], initializer: 'zeros' });
  }

  override call(inputs: Tensors, _options?: CallOptions): tf.Tensor {
    const x = inputs as tf.Tensor;
    const centered = ops.subtract(x, ops.mean(x, { axis: -1, keepdims: true }));
    const variance = ops.mean(ops.square(centered), { axis: -1, keepdims: true });
    const normalized = ops.multiply(centered, ops.rsqrt(ops.add(variance, this.epsilon)));
    const gate = ops.sigmoid(ops.add(ops.matmul(x, this.gateKernel.read()), this.gateBias.read()));
    return ops.multiply(ops.multiply(normalized, this.gamma.read()), gate);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override getConfig(): Record<string, unknown> {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }

  static fromConfig(config: Record<string, unknown>): GatedNormalization {
    return new GatedNormalization({ ...layerArgsFromConfig(config), epsilon: config.epsilon as number });
  }
}

const samples = 16;
const features = 4;
const learningRate = 0.1;
const epochs = 5;

/** Deterministic data: the target is a smooth function of the inputs, so the loss can fall. */
function data(): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const xs = Array.from({ length: samples * features }, (_, i) => Math.sin(0.7 * i + 0.3) * 1.5);
  const ys = Array.from({ length: samples }, (_, s) => Math.tanh(xs[s * features] - 0.5 * xs[s * features + 2]));
  return { x: tf.tensor2d(xs, [samples, features]), y: tf.tensor2d(ys, [samples, 1]) };
}

/** Input(4) -> Dense(6) -> GatedNormalization -> Dense(1), with weights fixed by formula (no random initializer). */
function gatedModel(): Model {
  clearSession();
  const input = Input({ shape: [features] });
  const hidden = new Dense(6, { name: 'hidden' }).apply(input);
  const gated = new GatedNormalization({ name: 'gated', epsilon: 0.01 }).apply(hidden);
  const output = new Dense(1, { name: 'head' }).apply(gated);
  const model = new Model({ inputs: input, outputs: output as typeof input, name: 'gated_model' });
  const values = model.weights.map((w, index) => tf.tensor(Array.from({ length: w.shape.reduce((a, b) => a * b, 1) }, (_, i) => 0.5 * Math.cos(1.3 * i + index)), w.shape));
  model.setWeights(values);
  tf.dispose(values);
  return model;
}

/**
 * The same network and the same full-batch SGD steps, written with tfjs-core's own ops and gradients: a reference
 * that shares no code with the layer, the model, the loss or the optimizer under test.
 */
async function referenceTraining(initial: tf.Tensor[], x: tf.Tensor2D, y: tf.Tensor2D): Promise<{ weights: tf.Tensor[]; losses: number[] }> {
  const variables = initial.map((w) => tf.variable(w));
  const [hiddenKernel, hiddenBias, gamma, gateKernel, gateBias, headKernel, headBias] = variables;
  const losses: number[] = [];
  for (let step = 0; step < epochs; step++) {
    const { value, grads } = tf.variableGrads(() => {
      const h = tf.add(tf.matMul(x, hiddenKernel), hiddenBias);
      const { mean, variance } = tf.moments(h, -1, true);
      const normalized = tf.div(tf.sub(h, mean), tf.sqrt(tf.add(variance, 0.01)));
      const gated = tf.mul(tf.mul(normalized, gamma), tf.sigmoid(tf.add(tf.matMul(h, gateKernel), gateBias)));
      const prediction = tf.add(tf.matMul(gated, headKernel), headBias);
      return tf.mean(tf.square(tf.sub(prediction, y))) as tf.Scalar;
    }, variables);
    // Values are read asynchronously throughout: webgpu in Node has no synchronous readback.
    losses.push((await value.data())[0]);
    tf.tidy(() => {
      for (const variable of variables) variable.assign(tf.sub(variable, tf.mul(grads[variable.name], learningRate)));
    });
    tf.dispose([value, ...Object.values(grads)]);
  }
  const weights = variables.map((v) => v.clone());
  tf.dispose(variables);
  return { weights, losses };
}

describeEachBackend('a custom layer whose call uses only ops', (backendName) => {
  it(`trains in a functional model with fit on ${backendName}, as an independent computation of the same steps does`, async () => {
    const leakPerCompile = compileLeak();
    const before = tensorCount();
    const { x, y } = data();
    const model = gatedModel();
    const initial = model.getWeights();
    const reference = await referenceTraining(initial, x, y);
    const optimizer = new SGD({ learningRate });
    model.compile({ optimizer, loss: 'mse' });
    const history = await model.fit(x, y, { epochs, batchSize: samples, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[epochs - 1]).toBeLessThan(0.7 * losses[0]);
    expectAllClose(losses, reference.losses, { rtol: 1e-4, atol: 1e-6 });
    expect(model.getLayer('gated').weights.map((w) => w.path)).toEqual(['gated/gamma', 'gated/gate_kernel', 'gated/gate_bias']);
    const trained = model.getWeights();
    for (const [index, weight] of trained.entries()) expectAllClose(await weight.data(), await reference.weights[index].data(), { rtol: 1e-4, atol: 1e-5 });
    // Every weight of the custom layer moved.
    for (const index of [2, 3, 4]) {
      const moved = tf.tidy(() => tf.max(tf.abs(tf.sub(trained[index], initial[index]))));
      expect((await moved.data())[0]).toBeGreaterThan(1e-4);
      moved.dispose();
    }
    tf.dispose([x, y, ...initial, ...trained, ...reference.weights]);
    model.dispose();
    optimizer.dispose();
    expect(tensorCount()).toBe(before + leakPerCompile);
  });
});

// On webgpu too: io-h5 reads the weights it saves asynchronously (webgpu in Node has no synchronous readback).
describeEachBackend('a custom layer whose call uses only ops, saved and loaded', (backendName) => {
  it(`round-trips its config and a .keras file with the class passed as a custom object on ${backendName}`, async () => {
    const before = tensorCount();
    const model = gatedModel();
    const layer = model.getLayer('gated') as GatedNormalization;
    const config = layer.getConfig();
    expect(config).toMatchObject({ name: 'gated', epsilon: 0.01, trainable: true });
    expect(GatedNormalization.fromConfig(config).getConfig()).toEqual(config);
    // The model's config names the class with its module, as Keras writes a registered custom class.
    const saved = JSON.stringify(kerasModelConfig(model));
    expect(saved).toContain('"module":"strata_tests","class_name":"GatedNormalization"');

    const x = tf.tensor2d(Array.from({ length: 3 * features }, (_, i) => (i % 5) - 2), [3, features]);
    const expected = model.predictOnBatch(x) as tf.Tensor;
    const rebuilt = modelFromConfig(kerasModelConfig(model), { layers: { ...builtInLayers(), GatedNormalization } });
    rebuilt.setWeights(model.getWeights());
    const fromConfig = rebuilt.predictOnBatch(x) as tf.Tensor;
    expectAllClose(await fromConfig.data(), await expected.data(), { rtol: 0, atol: 0 });

    const bytes = await serializeModel(model, 'keras');
    await expect(loadModel(bytes)).rejects.toThrow(/layer classes that Strata does not have: GatedNormalization\./);
    const loaded = await loadModel(bytes, { customObjects: { GatedNormalization } });
    const loadedLayer = loaded.getLayer('gated');
    expect(loadedLayer).toBeInstanceOf(GatedNormalization);
    expect((loadedLayer as GatedNormalization).epsilon).toBe(0.01);
    const fromFile = loaded.predictOnBatch(x) as tf.Tensor;
    expectAllClose(await fromFile.data(), await expected.data(), { rtol: 0, atol: 0 });
    tf.dispose([x, expected, fromConfig, fromFile]);
    disposeLoaded(loaded);
    rebuilt.dispose();
    model.dispose();
    expect(tensorCount()).toBe(before);
  });

  for (const format of ['keras', 'h5'] as const) {
    it(`saves a trained model with its SGD momentum to .${format}, loads it on ${backendName}, and training resumes as without the file`, async () => {
      const leakPerCompile = compileLeak();
      const before = tensorCount();
      const { x, y } = data();
      const model = gatedModel();
      model.compile({ optimizer: new SGD({ learningRate, momentum: 0.9 }), loss: 'mse' });
      await model.fit(x, y, { epochs: 2, batchSize: samples, shuffle: false, verbose: 0 });
      const bytes = await serializeModel(model, format);
      const loaded = await loadModel(bytes, { customObjects: { GatedNormalization } });
      const optimizer = loaded.compiled?.optimizer as SGD;
      expect(optimizer).toBeInstanceOf(SGD);
      expect(optimizer.momentum).toBe(0.9);
      expect(optimizer.iterations).toBe(2);
      // Every weight and every momentum slot came back exactly.
      const originals = [...model.getWeights(), ...(model.compiled?.optimizer.variables() ?? []).map((v) => v.tensor)];
      const restored = [...loaded.getWeights(), ...optimizer.variables().map((v) => v.tensor)];
      expect(restored.length).toBe(originals.length);
      for (const [index, value] of restored.entries()) expectAllClose(await value.data(), await originals[index].data(), { rtol: 0, atol: 0 });
      // A third step from the file lands where the third step in memory does: the momentum was restored, not reset.
      await model.fit(x, y, { epochs: 1, batchSize: samples, shuffle: false, verbose: 0 });
      await loaded.fit(x, y, { epochs: 1, batchSize: samples, shuffle: false, verbose: 0 });
      const [inMemory, fromFile] = [model.getWeights(), loaded.getWeights()];
      for (const [index, value] of fromFile.entries()) expectAllClose(await value.data(), await inMemory[index].data(), { rtol: 1e-6, atol: 1e-7 });
      tf.dispose([x, y, ...originals.slice(0, model.weights.length), ...restored.slice(0, loaded.weights.length), ...inMemory, ...fromFile]);
      model.compiled?.optimizer.dispose();
      model.dispose();
      disposeLoaded(loaded);
      expect(tensorCount()).toBe(before + 2 * leakPerCompile);
    });
  }
});
