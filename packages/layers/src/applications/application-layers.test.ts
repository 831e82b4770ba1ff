import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Input } from '../core/input-layer';
import { CustomScaleLayer } from './custom-scale-layer';
import golden from './keras-golden.json';
import { LayerScale } from './layer-scale';
import { StochasticDepth } from './stochastic-depth';
import { describeLayerTests } from '../test-support/describe-layer-tests';
import { applicationLayerSpecs } from '../test-support/specs/applications';

// keras-golden.json: written by real Keras 3.15.1 (scripts/golden_application_layers.py).

beforeAll(async () => {
  await useBackend('cpu');
});

function serialized(layer: { kerasModule: string | null; className: string; registeredName: string | null; getConfig(): Record<string, unknown> }) {
  return { module: layer.kerasModule, class_name: layer.className, registered_name: layer.registeredName, config: layer.getConfig() };
}

describe('LayerScale (ConvNeXt)', () => {
  it('starts at initValues and multiplies the last axis by its learned scale, as Keras does', () => {
    const layer = new LayerScale({ initValues: 0.5, projectionDim: 4, name: 'scale' });
    const input = tf.tensor(golden.LayerScale.input);
    expectAllClose(layer.apply(input) as tf.Tensor, tf.tensor(golden.LayerScale.initial_output), { rtol: 1e-6 });
    layer.setWeights([tf.tensor(golden.LayerScale.gamma)]);
    expectAllClose(layer.apply(input) as tf.Tensor, tf.tensor(golden.LayerScale.output), { rtol: 1e-6 });
    expect(layer.weights.map((w) => w.path)).toEqual(golden.LayerScale.weight_paths);
    expect(serialized(layer)).toEqual(golden.LayerScale.entry);
  });

  it('refuses a missing projectionDim with a sentence', () => {
    expect(() => new LayerScale({ initValues: 1e-6, projectionDim: 0, name: 'ls' })).toThrow(/LayerScale "ls" needs projectionDim, a positive integer; received 0/);
  });
});

describe('CustomScaleLayer (InceptionResNetV2)', () => {
  it('returns shortcut + residual * scale, as Keras does', () => {
    const layer = new CustomScaleLayer({ scale: 0.17, name: 'block35_1' });
    const [shortcut, residual] = golden.CustomScaleLayer.inputs.map((values) => tf.tensor(values));
    expectAllClose(layer.apply([shortcut, residual]) as tf.Tensor, tf.tensor(golden.CustomScaleLayer.output), { rtol: 1e-6 });
    expect(serialized(layer)).toEqual(golden.CustomScaleLayer.entry);
    const symbolic = layer.apply([Input({ shape: [2, 3] }), Input({ shape: [2, 3] })]);
    expect((symbolic as { shape: unknown }).shape).toEqual([null, 2, 3]);
  });

  it('rebuilds from its config and leaks nothing', () => {
    const layer = CustomScaleLayer.fromConfig(JSON.parse(JSON.stringify(new CustomScaleLayer({ scale: 0.2 }).getConfig())));
    expect(layer.scale).toBe(0.2);
    const inputs = [tf.ones([1, 2]), tf.ones([1, 2])];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      layer.apply(inputs);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => layer.apply(inputs[0])).toThrow(/expects a list of two tensors \[shortcut, residual\]; received one tensor/);
  });
});

describe('StochasticDepth (ConvNeXt)', () => {
  it('is the identity in inference and serializes as Keras does', () => {
    const layer = new StochasticDepth(0.3, { name: 'drop_path' });
    const input = tf.tensor(golden.StochasticDepth.input);
    expectAllClose(layer.apply(input, { training: false }) as tf.Tensor, tf.tensor(golden.StochasticDepth.inference_output), { rtol: 0 });
    expect(serialized(layer)).toEqual(golden.StochasticDepth.entry);
    expect(layer.symbolicCallKwargs).toEqual(golden.StochasticDepth.inbound_node_kwargs);
  });

  it('in training keeps or drops each whole sample, scaling the kept ones by 1 / (1 - rate)', async () => {
    expect(golden.StochasticDepth.training_samples_all_kept_or_dropped).toBe(true);
    const layer = new StochasticDepth(0.5, { seed: 3 });
    const input = tf.randomUniform([400, 3, 2], 1, 2, 'float32', 5);
    const output = layer.apply(input, { training: true }) as tf.Tensor;
    const ratio = (await tf.div(output, input).array()) as number[][][];
    const perSample = ratio.map((sample) => sample.flat());
    for (const sample of perSample) expect(new Set(sample.map((v) => Math.round(v * 1e4))).size).toBe(1);
    const kept = perSample.filter((sample) => Math.abs(sample[0] - 2) < 1e-5).length;
    const dropped = perSample.filter((sample) => sample[0] === 0).length;
    expect(kept + dropped).toBe(400);
    expect(kept).toBeGreaterThan(150);
    expect(kept).toBeLessThan(250);
  });

  it('refuses a rate outside [0, 1)', () => {
    expect(() => new StochasticDepth(1, { name: 'sd' })).toThrow(/StochasticDepth "sd" needs dropPathRate in \[0, 1\); received 1/);
  });
});

describeLayerTests('application layers through the layer harness', applicationLayerSpecs);
