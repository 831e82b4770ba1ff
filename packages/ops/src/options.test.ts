import { describe, expect, it } from 'vitest';
import { UnknownOptionError, checkNoSnakeCaseKeys, checkOptionKeys, snakeToCamelCase, suggestOptionKey } from './options';

function thrown(action: () => void): UnknownOptionError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UnknownOptionError);
    return error as UnknownOptionError;
  }
  throw new Error('expected an UnknownOptionError');
}

describe('the shared option-key checker', () => {
  it("names a Keras snake_case key and the camelCase key meant", () => {
    const error = thrown(() => checkOptionKeys('TensorBoard', { log_dir: 'logs' }, ['logDir', 'histogramFreq']));
    expect(error.message).toBe("TensorBoard received an unknown option `log_dir`: Strata spells Keras's `log_dir` in camelCase, `logDir`.");
    expect([error.owner, error.key, error.suggestion]).toEqual(['TensorBoard', 'log_dir', 'logDir']);
    expect(error).toBeInstanceOf(TypeError);
  });

  it('suggests the same letters in another case, or a near spelling, else lists the known keys', () => {
    expect(thrown(() => checkOptionKeys('ModelCheckpoint', { filepath: 'a.keras' }, ['filePath', 'monitor'])).message).toBe(
      'ModelCheckpoint received an unknown option `filepath`; did you mean `filePath`?',
    );
    expect(thrown(() => checkOptionKeys('fit()', { epoch: 3 }, ['epochs', 'batchSize'])).suggestion).toBe('epochs');
    expect(thrown(() => checkOptionKeys('fit()', { colour: 3 }, ['epochs', 'batchSize'])).message).toBe(
      'fit() received an unknown option `colour`; expected one of: batchSize, epochs.',
    );
  });

  it('accepts known keys, an absent object, and checks keys whose value is undefined too', () => {
    expect(() => checkOptionKeys('fit()', { epochs: 1, batchSize: undefined }, ['epochs', 'batchSize'])).not.toThrow();
    expect(() => checkOptionKeys('fit()', undefined, ['epochs'])).not.toThrow();
    expect(thrown(() => checkOptionKeys('fit()', { batch_size: undefined }, ['batchSize'])).key).toBe('batch_size');
  });

  it('refuses snake_case keys where the full list is open, and only those', () => {
    expect(thrown(() => checkNoSnakeCaseKeys('MaxPooling2D', { pool_size: 2, strides: 1 })).message).toBe(
      "MaxPooling2D received an unknown option `pool_size`: Strata spells Keras's `pool_size` in camelCase, `poolSize`.",
    );
    expect(() => checkNoSnakeCaseKeys('Dense', { units: 3, useBias: false, _private: 1 })).not.toThrow();
    expect(snakeToCamelCase('kernel_initializer')).toBe('kernelInitializer');
    expect(suggestOptionKey('batch_size', ['batchSize'])).toBe('batchSize');
  });
});
