// keras.InputSpec against Keras 3.15.1 (golden/input-spec.json, written by scripts/golden_input_spec.py):
// its repr and config, and the errors a layer whose input_spec it is raises, word for word.
import { readFileSync } from 'node:fs';
import { useBackend } from '@strata/backend';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Tensors } from './layer';
import { Conv2D } from '../convolutional/conv2d';
import { Layer } from './layer';
import { IncompatibleInputError, InputSpec, type InputSpecLike } from './input-spec';

interface SpecCase {
  name: string;
  spec: Record<string, unknown>;
  input_shape: number[];
  repr: string;
  config: Record<string, unknown>;
  error: string | null;
}

const golden = JSON.parse(readFileSync(new URL('../../golden/input-spec.json', import.meta.url), 'utf8')) as {
  cases: SpecCase[];
  axis_error: string;
};

/** Keras's keyword arguments as InputSpec's options. */
function options(spec: Record<string, unknown>): InputSpecLike {
  const camel = (key: string) => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(Object.entries(spec).map(([key, value]) => [camel(key), value])) as InputSpecLike;
}

/** Keras's test layer: an identity whose input_spec is given. */
class Probe extends Layer {
  constructor(spec: InputSpec) {
    super({ name: 'probe' });
    this.inputSpec = spec;
  }
  override call(inputs: Tensors): Tensors {
    return inputs;
  }
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('InputSpec (keras.InputSpec)', () => {
  for (const c of golden.cases) {
    it(`${c.name}: Keras's repr, config and ${c.error ? 'error' : 'acceptance'}`, () => {
      const spec = new InputSpec(options(c.spec));
      expect(spec.toString()).toBe(c.repr);
      expect(spec.getConfig()).toEqual(c.config);
      expect(InputSpec.fromConfig(spec.getConfig()).getConfig()).toEqual(c.config);
      const x = tf.zeros(c.input_shape);
      const layer = new Probe(spec);
      if (c.error === null) {
        const y = layer.apply(x) as tf.Tensor;
        expect(y.shape).toEqual(c.input_shape);
      } else {
        expect(() => layer.apply(x)).toThrow(IncompatibleInputError);
        expect(() => layer.apply(x)).toThrow(c.error);
      }
      x.dispose();
    });
  }

  it("refuses an axis beyond the rank, with Keras's message", () => {
    expect(() => new InputSpec({ ndim: 2, axes: { 3: 1 } })).toThrow(golden.axis_error);
  });

  it('is what a built-in layer checks its input against: a Conv2D given InputSpec({ ndim: 4 }) refuses a rank-3 input', () => {
    const conv = new Conv2D(2, 3, { name: 'conv' });
    const image = tf.zeros([1, 8, 8, 1]);
    conv.maybeBuild([null, 8, 8, 1]);
    conv.inputSpec = new InputSpec({ ndim: 4 });
    const output = conv.apply(image) as tf.Tensor;
    expect(output.shape).toEqual([1, 6, 6, 2]);
    const x = tf.zeros([8, 8, 1]);
    expect(() => conv.apply(x)).toThrow(
      "Input 0 with name 'None' of layer 'conv' is incompatible with the layer: expected ndim=4, found ndim=3. Full shape received: (8, 8, 1)",
    );
    tf.dispose([image, output, x]);
    conv.dispose();
  });
});
