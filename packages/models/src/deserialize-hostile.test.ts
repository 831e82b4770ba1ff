import { useBackend } from '@strata/backend';
import { builtInLayers, clearSession } from '@strata/layers';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelFromConfig } from './deserialize';

beforeAll(async () => {
  await useBackend('cpu');
});

/** A Keras 2 style functional config: an input of width 3, then `depth` layers each reading the one before. */
function chainConfig(depth: number, layer: (index: number) => Record<string, unknown>): Record<string, unknown> {
  const layers: Record<string, unknown>[] = [{ class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 3], dtype: 'float32', name: 'in' }, inbound_nodes: [] }];
  for (let index = 0; index < depth; index++) {
    const name = `l${index}`;
    layers.push({ ...layer(index), name, inbound_nodes: [[[index === 0 ? 'in' : `l${index - 1}`, 0, 0, {}]]] });
  }
  return { class_name: 'Model', config: { name: 'chain', layers, input_layers: [['in', 0, 0]], output_layers: [[`l${depth - 1}`, 0, 0]] } };
}

describe('modelFromConfig on hostile configs', () => {
  it('rebuilds an 8,000-layer chain without overflowing the stack, and runs it', async () => {
    clearSession();
    const model = modelFromConfig(
      chainConfig(8000, (index) => ({ class_name: 'Activation', config: { name: `l${index}`, activation: 'relu' } })),
      { layers: builtInLayers() },
    );
    expect(model.layers.length).toBe(8001);
    expect(model.layers[8000].name).toBe('l7999');
    const output = (await model.predict(tf.tensor2d([[-1, 2, -3]]))) as tf.Tensor;
    expect(Array.from(output.dataSync())).toEqual([0, 2, 0]);
    output.dispose();
    model.dispose();
  });

  for (const inherited of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`refuses the inherited name "${inherited}" as an unknown layer class`, () => {
      const config = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: inherited, config: { name: 'x' } }] } };
      expect(() => modelFromConfig(config, { layers: builtInLayers() })).toThrow(`Unknown layer class '${inherited}'`);
      const registered = { class_name: 'Sequential', config: { name: 's', layers: [{ class_name: 'Nope', registered_name: inherited, config: { name: 'x' } }] } };
      expect(() => modelFromConfig(registered, { layers: builtInLayers() })).toThrow(/Unknown layer class 'Nope'/);
    });
  }

  it('frees the layers already built when a later layer of a Sequential config fails', () => {
    clearSession();
    const before = tf.memory().numTensors;
    const config = {
      class_name: 'Sequential',
      config: {
        name: 's',
        layers: [
          { class_name: 'InputLayer', config: { batch_shape: [null, 64], name: 'in' } },
          { class_name: 'Dense', config: { name: 'big', units: 256 } },
          { class_name: 'Dense', config: { name: 'next', units: 8 } },
          { class_name: 'Reshape', config: { name: 'bad', target_shape: [3, 5] } },
        ],
      },
    };
    expect(() => modelFromConfig(config, { layers: builtInLayers() })).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the layers already built when a functional config fails halfway', () => {
    clearSession();
    const before = tf.memory().numTensors;
    const config = chainConfig(3, (index) =>
      index < 2 ? { class_name: 'Dense', config: { name: `l${index}`, units: 3 } } : { class_name: 'Reshape', config: { name: `l${index}`, target_shape: [7] } },
    );
    expect(() => modelFromConfig(config, { layers: builtInLayers() })).toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });
});
