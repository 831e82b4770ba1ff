import * as tf from '@tensorflow/tfjs-core';
import { Activation } from '../../core/activation';
import { Dense } from '../../core/dense';
import { Dropout } from '../../core/dropout';
import { EinsumDense } from '../../core/einsum-dense';
import { Embedding } from '../../core/embedding';
import { ReversibleEmbedding } from '../../core/reversible-embedding';
import { Flatten } from '../../core/flatten';
import { Identity } from '../../core/identity';
import { InputLayer } from '../../core/input-layer';
import { Masking } from '../../core/masking';
import { Reshape } from '../../core/reshape';
import { Softmax } from '../../core/softmax';
import type { LayerSpecs } from '../describe-layer-tests';

export const coreLayerSpecs: LayerSpecs = {
  EinsumDense: [
    {
      make: () => new EinsumDense('abc,cde->abde', [null, 2, 3], { biasAxes: 'de', activation: 'tanh' }),
      inputShape: [2, 3, 4],
      expectedOutputShape: [2, 3, 2, 3],
      expectedTrainableWeights: 2,
      expectedNonTrainableWeights: 0,
    },
    { make: () => new EinsumDense('...b,bc->...c', 3), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 3], expectedTrainableWeights: 1 },
  ],
  Dense: [
    {
      make: () => new Dense(4, { activation: 'tanh' }),
      inputShape: [3, 5],
      expectedOutputShape: [3, 4],
      expectedTrainableWeights: 2,
      expectedNonTrainableWeights: 0,
      supportsMasking: true,
      expectedLosses: 0,
    },
    { make: () => new Dense(2, { activation: 'tanh' }), inputShape: [2, 3, 4], expectedOutputShape: [2, 3, 2] },
    {
      make: () => new Dense(3, { useBias: false, activation: 'sigmoid' }),
      inputShape: [4, 6],
      expectedOutputShape: [4, 3],
      expectedTrainableWeights: 1,
    },
    // Keras's layer.losses: the activity penalty of the call and the kernel penalty.
    {
      make: () => new Dense(3, { activation: 'tanh', activityRegularizer: 'l2', kernelRegularizer: 'l1' }),
      inputShape: [4, 6],
      expectedLosses: 2,
    },
  ],
  Activation: { make: () => new Activation('relu'), inputShape: [2, 3], expectedOutputShape: [2, 3], supportsMasking: true },
  Flatten: { make: () => new Flatten(), inputShape: [2, 3, 4], expectedOutputShape: [2, 12] },
  Reshape: { make: () => new Reshape([4, -1]), inputShape: [2, 3, 4], expectedOutputShape: [2, 4, 3] },
  Softmax: { make: () => new Softmax(), inputShape: [2, 5], expectedOutputShape: [2, 5], supportsMasking: true },
  Identity: { make: () => new Identity(), inputShape: [2, 5], expectedOutputShape: [2, 5] },
  Dropout: [
    { make: () => new Dropout(0.5), inputShape: [2, 5], expectedOutputShape: [2, 5], random: true },
    { make: () => new Dropout(0.5, { seed: 3 }), inputShape: [4, 8], seeded: true },
  ],
  Embedding: [
    {
      make: () => new Embedding(10, 4),
      inputShape: [3, 5],
      inputDtype: 'int32',
      maxValue: 10,
      expectedOutputShape: [3, 5, 4],
      expectedOutputDtype: 'float32',
      expectedTrainableWeights: 1,
      expectedNonTrainableWeights: 0,
    },
    {
      make: () => new Embedding(6, 2, { maskZero: true }),
      inputShape: [2, 7],
      inputDtype: 'int32',
      maxValue: 6,
      expectedMask: (ids) => tf.notEqual(ids as tf.Tensor, 0),
    },
  ],
  ReversibleEmbedding: [
    {
      make: () => new ReversibleEmbedding(10, 4, { maskZero: true }),
      inputShape: [3, 5],
      inputDtype: 'int32',
      maxValue: 10,
      expectedOutputShape: [3, 5, 4],
      expectedTrainableWeights: 1,
      expectedMask: (ids) => tf.notEqual(ids as tf.Tensor, 0),
    },
    {
      // Tied: the reverse projection trains the embeddings (untied, a call uses only one of the two
      // matrices, so the gradient check has nothing for the other; golden/reversible-embedding.json checks it).
      make: () => new ReversibleEmbedding(7, 4, { logitSoftCap: 2 }),
      inputShape: [2, 3, 4],
      callOptions: { reverse: true } as never,
      expectedOutputShape: [2, 3, 7],
      expectedTrainableWeights: 1,
    },
  ],
  Masking: {
    make: () => new Masking({ maskValue: 0 }),
    inputData: () => tf.tensor3d([[[1, 2], [0, 0], [3, 0]], [[0, 0], [0, 0], [4, 5]]]),
    expectedOutput: [[[1, 2], [0, 0], [3, 0]], [[0, 0], [0, 0], [4, 5]]],
    expectedTrainableWeights: 0,
    supportsMasking: true,
    expectedMask: () => tf.tensor2d([[true, false, true], [false, false, true]], [2, 3], 'bool'),
  },
  InputLayer: {
    make: () => new InputLayer({ shape: [3] }),
    inputShape: [2, 3],
    expectedOutputShape: [2, 3],
  },
};
