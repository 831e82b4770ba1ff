import { useBackend } from '@strata/backend';
import { Input, Rescaling } from '@strata/layers';
import type { Model } from '@strata/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { correctPad, obtainInputShape } from './common';
import { MobileNetV2 } from './mobilenet-v2';
import { VGG16 } from './vgg';

beforeAll(async () => {
  await useBackend('cpu');
});

describe('shared application options', () => {
  it("obtains the input shape with Keras's rules", () => {
    const sizes = { defaultSize: 224, minSize: 32 };
    expect(obtainInputShape('X', undefined, sizes, true)).toEqual([224, 224, 3]);
    expect(obtainInputShape('X', undefined, sizes, false)).toEqual([null, null, 3]);
    expect(obtainInputShape('X', [40, null, 1], sizes, false)).toEqual([40, null, 1]);
    expect(() => obtainInputShape('X', [40, 40], sizes, false)).toThrow(/expected three entries/);
    expect(() => obtainInputShape('X', [31, 40, 3], sizes, false)).toThrow(/at least 32x32/);
    expect(() => obtainInputShape('X', [null, 40, 3], sizes, true)).toThrow(/must be static/);
  });

  it("pads before a strided convolution as Keras's correct_pad does", () => {
    expect(correctPad([null, 32, 32, 3], 3)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(correctPad([null, 33, 32, 3], 3)).toEqual([
      [1, 1],
      [0, 1],
    ]);
    expect(correctPad([null, null, null, 3], 3)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('builds on an inputTensor computed from an Input, whose source Input becomes the model input', () => {
    const image = Input({ shape: [32, 32, 3] });
    const scaled = new Rescaling(1 / 255).apply(image) as typeof image;
    const model = MobileNetV2({ inputTensor: scaled, includeTop: false, alpha: 0.35, pooling: 'avg' });
    expect(model.inputs).toEqual([image]);
    expect(model.layers[1].className).toBe('Rescaling');
    model.dispose();
  });

  it('calls a weights loader on the built model, refuses an asynchronous one and a bad classifier', () => {
    const seen: string[] = [];
    const model = VGG16({ includeTop: false, inputShape: [32, 32, 3], weights: (m: Model) => void seen.push(m.name) });
    expect(seen).toEqual(['vgg16']);
    model.dispose();
    const asyncLoader = (async () => {}) as unknown as (m: Model) => void;
    expect(() => VGG16({ includeTop: false, inputShape: [32, 32, 3], weights: asyncLoader })).toThrow(/returned a Promise/);
    expect(() => VGG16({ inputShape: [32, 32, 3], classes: 2, classifierActivation: 'relu', weights: () => {} })).toThrow(
      /only "softmax" or null/,
    );
    expect(() => VGG16({ pooling: 'min' as never })).toThrow(/expected "avg", "max" or null/);
    expect(() => VGG16({ classes: 0 })).toThrow(/positive integer/);
  });
});
