import { useBackend } from '@strata/backend';
import { expectAllClose, hasGolden, npyToTensor, readGoldenJson, readGoldenNpy } from '@strata/testing';
import { beforeAll, describe, it } from 'vitest';
import { type Loss, SparseCategoricalCrossentropy, getLoss } from './index';

beforeAll(() => useBackend('cpu'));

interface TrainRecord {
  loss_before: number;
  loss_after_step: number[];
}

// Real Keras 3.15.1 (train/ in the golden files, STRATA_GOLDEN_DIR): the losses it reported for predictions it also stored.
const cases: Array<[string, string, () => Loss]> = [
  ['a_adam', 'a_shared', () => new SparseCategoricalCrossentropy({ fromLogits: true })],
  ['a_sgd', 'a_shared', () => new SparseCategoricalCrossentropy({ fromLogits: true })],
  ['a_rmsprop', 'a_shared', () => new SparseCategoricalCrossentropy({ fromLogits: true })],
  ['c_cnn_adam', 'c_shared', () => getLoss('sparse_categorical_crossentropy')],
  ['c_cnn_sgd', 'c_shared', () => getLoss('sparse_categorical_crossentropy')],
];

describe.skipIf(!hasGolden())('parity with losses reported by real Keras', () => {
  it.each(cases)('%s: the loss of the stored predictions equals the loss Keras reported', (name, shared, makeLoss) => {
    const record = readGoldenJson<TrainRecord>('train', name, 'record.json');
    const labels = npyToTensor(readGoldenNpy('train', shared, 'y.npy'));
    const loss = makeLoss();
    const initial = npyToTensor(readGoldenNpy('train', shared, 'predict_initial.npy'));
    expectAllClose(loss.compute(labels, initial), record.loss_before, { rtol: 1e-6 });
    const afterFirst = npyToTensor(readGoldenNpy('train', name, 'predict_after_step1.npy'));
    expectAllClose(loss.compute(labels, afterFirst), record.loss_after_step[0], { rtol: 1e-6 });
    const afterThird = npyToTensor(readGoldenNpy('train', name, 'predict_after_step3.npy'));
    expectAllClose(loss.compute(labels, afterThird), record.loss_after_step[2], { rtol: 1e-6 });
  });
});
