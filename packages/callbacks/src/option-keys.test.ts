import { UnknownOptionError } from '@strata/ops/options';
import { describe, expect, it } from 'vitest';
import { BackupAndRestore } from './backup-and-restore';
import { CSVLogger } from './csv-logger';
import { EarlyStopping } from './early-stopping';
import { LambdaCallback } from './lambda-callback';
import { LearningRateScheduler } from './learning-rate-scheduler';
import { ModelCheckpoint } from './model-checkpoint';
import { ReduceLROnPlateau } from './reduce-lr-on-plateau';
import { SwapEMAWeights } from './swap-ema-weights';
import { TensorBoard } from './tensorboard/tensorboard';

/** Seed 002's callbacks as a Keras user first writes them: Keras's keyword names must be errors, not defaults. */
describe('callback option keys', () => {
  it('refuse Keras snake_case keys, naming the camelCase key meant', () => {
    expect(() => new TensorBoard({ log_dir: 'my_log_dir', histogram_freq: 1 } as never)).toThrow(
      new UnknownOptionError("TensorBoard received an unknown option `log_dir`: Strata spells Keras's `log_dir` in camelCase, `logDir`.", 'TensorBoard', 'log_dir', 'logDir'),
    );
    expect(() => new TensorBoard({ logDir: 'logs', embeddings_freq: 1 } as never)).toThrow(/`embeddings_freq`.*`embeddingsFreq`/);
    expect(() => new ModelCheckpoint('best.keras', { monitor: 'val_loss', save_best_only: true } as never)).toThrow(
      /ModelCheckpoint received an unknown option `save_best_only`: Strata spells Keras's `save_best_only` in camelCase, `saveBestOnly`\./,
    );
    expect(() => new EarlyStopping({ monitor: 'acc', patience: 1, restore_best_weights: true } as never)).toThrow(/`restoreBestWeights`/);
    expect(() => new ReduceLROnPlateau({ monitor: 'val_loss', min_lr: 0.001 } as never)).toThrow(/`min_lr`.*`minLr`/);
    expect(() => new BackupAndRestore({ backup_dir: 'backup' } as never)).toThrow(/`backup_dir`.*`backupDir`/);
    expect(() => new LearningRateScheduler(() => 0.1, { verbos: 1 } as never)).toThrow(/`verbos`; did you mean `verbose`\?/);
    expect(() => new LambdaCallback({ on_epoch_end: () => undefined } as never)).toThrow(/`on_epoch_end`.*`onEpochEnd`/);
    expect(() => new SwapEMAWeights({ swap_on_epoch: true } as never)).toThrow(/`swap_on_epoch`.*`swapOnEpoch`/);
  });

  it("refuse Keras's keyword path as an option, and an options object in the path's place", () => {
    expect(() => new ModelCheckpoint('best.keras', { filepath: 'other.keras' } as never)).toThrow(/ModelCheckpoint received an unknown option `filepath`/);
    expect(() => new ModelCheckpoint({ filepath: 'best.keras', monitor: 'val_loss' } as never)).toThrow(
      'ModelCheckpoint received an options object (filepath, monitor) where its filepath belongs; expected new ModelCheckpoint(filepath, options), with the filepath a string first.',
    );
    expect(() => new CSVLogger({ filename: 'log.csv' } as never)).toThrow(/CSVLogger received an options object \(filename\) where its filename belongs/);
  });

  it('accept their camelCase options', () => {
    const board = new TensorBoard({ logDir: 'my_log_dir', histogramFreq: 1, embeddingsFreq: 1 });
    expect([board.logDir, board.histogramFreq, board.embeddingsFreq]).toEqual(['my_log_dir', 1, 1]);
    expect(new ModelCheckpoint('best.keras', { monitor: 'val_loss', saveBestOnly: true }).saveBestOnly).toBe(true);
    expect(new EarlyStopping({ monitor: 'acc', patience: 1 }).patience).toBe(1);
  });
});
