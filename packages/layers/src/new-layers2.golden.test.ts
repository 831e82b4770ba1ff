/**
 * Parity with real Keras 3.15.1 (golden/new-layers2.json, written by scripts/golden_new_layers2.py) for
 * EinsumDense, Conv3DTranspose, ConvLSTM1D/2D/3D, StackedRNNCells (inside RNN), SpectralNormalization and
 * GroupQueryAttention:
 * each layer is rebuilt from Keras's config, must write the same config back, name its weights as Keras
 * in Keras's order, and with Keras's weights give Keras's outputs and the gradients of their sum.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/backend';
import { expectAllClose } from '@strata/testing';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallOptions } from './engine/layer';
import { builtInLayers } from './registry';

type Nested = number | Nested[];

interface GoldenCase {
  class_name: string;
  config: Record<string, unknown>;
  input_shapes: number[][];
  /** Keras's call keywords (training, use_causal_mask, return_attention_scores). */
  call: Record<string, boolean>;
  weight_paths: string[];
  trainable_paths: string[];
  weights: Nested[];
  outputs: Nested[];
  gradients: Array<Nested | null>;
  weights_after: Nested[];
}

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden', 'new-layers2.json');
const cases = JSON.parse(readFileSync(GOLDEN, 'utf8')) as GoldenCase[];

/** The script's input number i: sin(0.37 j + 0.1 + i) over the element index j. */
const sineInput = (shape: number[], i: number) =>
  tf.tidy(() => tf.reshape(tf.sin(tf.add(tf.mul(tf.range(0, shape.reduce((a, b) => a * b, 1)), 0.37), 0.1 + i)), shape));

/** A config without what differs by instance (names, dtype policies, build configs), at every depth. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !['name', 'dtype', 'trainable', 'build_config'].includes(key))
      .map(([key, v]) => [key, comparable(v)]),
  );
}

/** The shape of a nested list, as numpy reads it. */
const shapeOf = (value: Nested): number[] => (Array.isArray(value) ? [value.length, ...shapeOf(value[0])] : []);

/** Keras numbers its layers per session (`dense_1`); the paths are compared without those suffixes. */
const unnumbered = (path: string) => path.replace(/_\d+(?=\/|$)/g, '');

/** The case's label: its class and what sets it apart. */
function label(golden: GoldenCase, index: number): string {
  const config = golden.config;
  const inner = (config.layer ?? config.cell) as { class_name?: string; config?: { cells?: Array<{ class_name: string }> } } | undefined;
  const detail = config.equation ?? inner?.config?.cells?.map((c) => c.class_name).join('+') ?? inner?.class_name ?? JSON.stringify(golden.input_shapes);
  return `${golden.class_name} #${index} (${detail}${Object.keys(golden.call).map((key) => `, ${key}`).join('')})`;
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('new layers at Keras 3.15.1’s numbers', () => {
  cases.forEach((golden, index) => {
    it(`${label(golden, index)}: config, weight paths, outputs and gradients`, () => {
      const before = tf.memory().numTensors;
      const layerClass = builtInLayers()[golden.class_name];
      const layer = layerClass.fromConfig({ ...golden.config, name: `golden_${index}` });
      expect(comparable(layer.getConfig())).toEqual(comparable(golden.config));

      const shapes = golden.input_shapes;
      layer.maybeBuild(shapes.length === 1 ? shapes[0] : shapes);
      expect(layer.weights.map((w) => unnumbered(w.path).replace(/^golden\//, ''))).toEqual(
        golden.weight_paths.map((p) => unnumbered(p).replace(/^[^/]+\//, '')),
      );
      const weights = golden.weights.map((w) => tf.tensor(w as number[]));
      layer.setWeights(weights);

      const inputs = shapes.map((shape, i) => sineInput(shape, i));
      const callInputs = inputs.length === 1 ? inputs[0] : inputs;
      const options: CallOptions = { training: false };
      for (const [key, flag] of Object.entries(golden.call)) (options as Record<string, unknown>)[key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())] = flag;
      const variables = layer.trainableWeights.map((w) => w.value);
      expect(layer.trainableWeights.map((w) => unnumbered(w.path).replace(/^golden\//, ''))).toEqual(
        golden.trainable_paths.map((p) => unnumbered(p).replace(/^[^/]+\//, '')),
      );
      const outputs: tf.Tensor[] = [];
      const { grads, value } = tf.variableGrads(() => {
        const result = layer.apply(callInputs, options);
        const list = Array.isArray(result) ? result : [result];
        outputs.push(...list.map((t) => tf.keep(t)));
        return tf.addN(list.map((t) => tf.sum(t))) as tf.Scalar;
      }, variables);
      expect(outputs.length).toBe(golden.outputs.length);
      outputs.forEach((output, i) => {
        expect(output.shape).toEqual(shapeOf(golden.outputs[i]));
        expectAllClose(output, golden.outputs[i] as number[], { rtol: 1e-4, atol: 1e-5 });
      });
      variables.forEach((variable, i) => {
        const expected = golden.gradients[i];
        if (expected !== null) expectAllClose(grads[variable.name], expected as number[], { rtol: 1e-3, atol: 1e-4 });
      });
      layer.weights.forEach((weight, i) => expectAllClose(weight.read(), golden.weights_after[i] as number[], { rtol: 1e-4, atol: 1e-5 }));

      tf.dispose([...weights, ...inputs, ...outputs, value, ...Object.values(grads)]);
      layer.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
