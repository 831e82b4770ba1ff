import * as layers from '@strata/layers';
import type { Model } from '@strata/models';
import * as ops from '@strata/ops';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, beforeEach, describe, it } from 'vitest';
import { ConvNeXtBase, ConvNeXtLarge, ConvNeXtSmall, ConvNeXtTiny, ConvNeXtXLarge } from './convnext';
import { expectBuildsLikeKeras } from './test-support/keras-config';
import { expectPredicts } from './test-support/predict-check';

// ConvNeXt needs LayerScale/StochasticDepth (the `apps` branch) and ops on symbolic tensors (the `symbolic`
// branch) for its residual `inputs + x` op node; until the lead merges both, these tests skip.
const ready = 'LayerScale' in layers && (layers.SymbolicTensor as unknown) === ops.KerasTensor;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => layers.clearSession());

/**
 * Differences that are gaps of @strata/layers and @strata/models serialization, not of the architecture (checked
 * with both branches merged: names, order, op nodes, other configs and parameter counts all equal Keras's):
 * LayerNormalization writes `axis: -1` where Keras writes `[-1]`; a nested Sequential built from layers lists no
 * InputLayer and no `compile_config`, and its call records no `mask: null` kwarg.
 */
const KNOWN_SERIALIZATION_GAPS = [/\.compile_config: /, /_stem\.config\.layers: |_downsampling_block_\d\.config\.layers: /, /\.kwargs\.mask: /, /layernorm\.config\.axis: -1 vs \[-1\]/];

const small = { inputShape: [32, 32, 3], classes: 10 };
const cases: Array<[string, () => Model]> = [
  ['ConvNeXtTiny', () => ConvNeXtTiny(small)],
  ['ConvNeXtSmall', () => ConvNeXtSmall(small)],
  ['ConvNeXtBase', () => ConvNeXtBase(small)],
  ['ConvNeXtLarge', () => ConvNeXtLarge(small)],
  ['ConvNeXtXLarge', () => ConvNeXtXLarge(small)],
];

describe.skipIf(!ready)('ConvNeXt (needs the apps and symbolic branches)', () => {
  it.each(cases)('%s: same layers, configs, inbound nodes and parameter count as Keras', (caseName, build) => {
    expectBuildsLikeKeras(caseName, build, KNOWN_SERIALIZATION_GAPS);
  }, 600_000); // ConvNeXtXLarge initializes 350 M parameters: minutes on a busy CPU

  it('ConvNeXtTiny predicts class probabilities on a small image without leaking tensors', async () => {
    await expectPredicts(() => ConvNeXtTiny({ inputShape: [32, 32, 3], classes: 3 }), [1, 32, 32, 3], [1, 3], true);
  });
});
