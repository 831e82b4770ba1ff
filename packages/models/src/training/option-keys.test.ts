import { useBackend } from '@strata/backend';
import { Dense, clearSession } from '@strata/layers';
import { UnknownOptionError } from '@strata/ops/options';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from '../sequential';

beforeAll(async () => {
  await useBackend('cpu');
});

function model(): Sequential {
  clearSession();
  const net = new Sequential([new Dense(1, { inputShape: [2] })]);
  net.compile({ optimizer: 'sgd', loss: 'mse' });
  return net;
}

/** Keras's keyword names (`batch_size`) or a typo must not run with a default: each is an UnknownOptionError naming the key meant. */
describe('option keys of compile, fit, evaluate and predict', () => {
  it('refuses Keras snake_case keys, naming the camelCase key, before any work is done', async () => {
    const net = model();
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    const before = tf.memory().numTensors;
    await expect(net.fit(x, y, { epochs: 1, batch_size: 2 } as never)).rejects.toThrow(
      new UnknownOptionError("fit() received an unknown option `batch_size`: Strata spells Keras's `batch_size` in camelCase, `batchSize`.", 'fit()', 'batch_size', 'batchSize'),
    );
    // In the place of the targets, an options object with a Keras key is still read, and refused, as options.
    await expect(net.fit(x, { epochs: 1, validation_split: 0.5 } as never)).rejects.toThrow(/fit\(\) received an unknown option `validation_split`.*`validationSplit`/);
    await expect(net.evaluate(x, y, { return_dict: true } as never)).rejects.toThrow(/evaluate\(\) received an unknown option `return_dict`.*`returnDict`/);
    await expect(net.evaluate(x, { batch_size: 2 } as never)).rejects.toThrow(/evaluate\(\) received an unknown option `batch_size`/);
    await expect(net.predict(x, { batchsize: 2 } as never)).rejects.toThrow(/predict\(\) received an unknown option `batchsize`; did you mean `batchSize`\?/);
    expect(() => net.compile({ optimizer: 'sgd', loss: 'mse', loss_weights: [1] } as never)).toThrow(/compile\(\) received an unknown option `loss_weights`.*`lossWeights`/);
    expect(() => net.compile({ optimizer: 'sgd', loss: 'mse', weightedMetrics: ['mae'] } as never)).toThrow(
      /compile\(\) received an unknown option `weightedMetrics`; expected one of: loss, lossWeights, metrics, optimizer\./,
    );
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    net.dispose();
  });

  it('accepts the camelCase options and runs with them', async () => {
    const net = model();
    const x = tf.ones([4, 2]);
    const y = tf.ones([4, 1]);
    const history = await net.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
    expect(history.epoch).toEqual([0, 1]);
    const loss = await net.evaluate(x, y, { verbose: 0 });
    expect(typeof loss).toBe('number');
    tf.dispose([x, y]);
    net.dispose();
  });
});
