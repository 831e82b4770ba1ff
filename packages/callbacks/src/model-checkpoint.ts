import { checkOptionKeys } from '@strata/ops/options';
import { checkPositionalPath } from './option-checks';
import { Callback, type Logs } from './callback';
import { type MonitorMode, checkMode, resolveMode } from './monitor';
import { nodeModules } from './node-files';
import { printMessage, type TextOutput } from './output';
import { formatFixed, formatTemplate } from './python-format';

export interface ModelCheckpointOptions {
  /** Default 'val_loss'. */
  monitor?: string;
  /** 1 prints a message each time the model is saved. Default `0`. */
  verbose?: 0 | 1;
  /** Save only when the monitored value improves. */
  saveBestOnly?: boolean;
  /** Save weights only (`model.saveWeights`); the path must then end in `.weights.h5`. */
  saveWeightsOnly?: boolean;
  /** With `saveBestOnly`: `'min'` keeps the lowest value of `monitor`, `'max'` the highest, `'auto'` infers it from the name. Default `'auto'`. */
  mode?: MonitorMode;
  /** 'epoch' (default) or a number of batches. */
  saveFreq?: 'epoch' | number;
  /** Initial "best" value: with `saveBestOnly`, only values beating it are saved. */
  initialValueThreshold?: number;
  /** Where messages are written. Default: stdout in Node, the console in a browser. */
  output?: TextOutput;
}

const integerFields = new Set(['epoch', 'batch']);

/**
 * Keras's `ModelCheckpoint`: saves the model or its weights every epoch (or
 * every `saveFreq` batches), optionally only when the monitored value
 * improves. `filepath` may hold Python format fields filled from the epoch
 * (1-based, as Keras), the batch and the logs: `weights.{epoch:02d}-{val_loss:.2f}.keras`.
 * The model's own save writes atomically.
 */
export class ModelCheckpoint extends Callback {
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: 0 | 1;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: MonitorMode;
  readonly saveFreq: 'epoch' | number;
  best: number | undefined;
  private direction: 'min' | 'max' | undefined;
  private batchesSinceLastSave = 0;
  private lastBatchSeen = 0;
  private currentEpoch = 0;
  private readonly output: TextOutput | undefined;

  constructor(filepath: string, options: ModelCheckpointOptions = {}) {
    super();
    checkPositionalPath('ModelCheckpoint', 'filepath', filepath);
    checkOptionKeys('ModelCheckpoint', options, ['monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'initialValueThreshold', 'output']);
    this.filepath = filepath;
    this.monitor = options.monitor ?? 'val_loss';
    this.verbose = options.verbose ?? 0;
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.saveWeightsOnly = options.saveWeightsOnly ?? false;
    this.mode = checkMode(options.mode, 'ModelCheckpoint');
    this.saveFreq = options.saveFreq ?? 'epoch';
    this.best = options.initialValueThreshold;
    this.output = options.output;
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new Error(`Unrecognized saveFreq: ${this.saveFreq}. Expected saveFreq are 'epoch' or a positive integer.`);
    }
    if (this.saveWeightsOnly) {
      if (!filepath.endsWith('.weights.h5')) {
        throw new Error(
          'When using saveWeightsOnly: true in ModelCheckpoint, the filepath provided must end in `.weights.h5` ' +
            `(Keras weights format). Received: filepath=${filepath}`,
        );
      }
    } else if (!filepath.endsWith('.keras') && !filepath.endsWith('.h5')) {
      throw new Error(`The filepath provided must end in \`.keras\` (Keras model format). Received: filepath=${filepath}`);
    }
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs?: Logs): Promise<void> {
    if (this.shouldSaveOnBatch(batch)) await this.saveModel(this.currentEpoch, batch, logs ?? {});
  }

  override async onEpochEnd(epoch: number, logs?: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') await this.saveModel(epoch, undefined, logs ?? {});
  }

  /** Counts batches across epochs, as Keras does (batch numbers restart each epoch). */
  private shouldSaveOnBatch(batch: number): boolean {
    if (this.saveFreq === 'epoch') return false;
    const added = batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSinceLastSave += added;
    this.lastBatchSeen = batch;
    if (this.batchesSinceLastSave >= this.saveFreq) {
      this.batchesSinceLastSave = 0;
      return true;
    }
    return false;
  }

  /** The path for this epoch and batch: `epoch` and `batch` are 1-based in names, as in Keras. */
  filePathFor(epoch: number, batch: number | undefined, logs: Logs): string {
    const values: Record<string, number> = { epoch: epoch + 1 };
    if (batch !== undefined) values.batch = batch + 1;
    // Only the fields the template names are read, so lazy batch logs stay unread otherwise.
    for (const match of this.filepath.matchAll(/\{([^{}:!]+)/g)) {
      const name = match[1];
      if (name !== 'epoch' && !(name === 'batch' && batch !== undefined) && name in logs) values[name] = logs[name];
    }
    return formatTemplate(this.filepath, values, integerFields);
  }

  private shouldSave(epoch: number, logs: Logs, filepath: string): boolean {
    if (!this.saveBestOnly) {
      if (this.verbose > 0) printMessage(`\nEpoch ${epoch + 1}: saving model to ${filepath}`, this.output);
      return true;
    }
    if (this.direction === undefined) {
      this.direction = resolveMode(this.monitor, this.mode, 'ModelCheckpoint');
      this.best ??= this.direction === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    }
    const current = this.monitor in logs ? logs[this.monitor] : undefined;
    if (current === undefined || current === null) {
      console.warn(
        `Can save best model only with ${this.monitor} available. Available metrics are: ${Object.keys(logs).join(',')}`,
      );
      return true;
    }
    const best = this.best as number;
    const bestText = formatFixed(best, 5);
    const improved = this.direction === 'min' ? current < best : current > best;
    if (improved) {
      if (this.verbose > 0) {
        printMessage(
          `\nEpoch ${epoch + 1}: ${this.monitor} improved from ${bestText} to ${formatFixed(current, 5)}, saving model to ${filepath}`,
          this.output,
        );
      }
      this.best = current;
      return true;
    }
    if (this.verbose > 0) printMessage(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${bestText}`, this.output);
    return false;
  }

  private async saveModel(epoch: number, batch: number | undefined, logs: Logs): Promise<void> {
    const filepath = this.filePathFor(epoch, batch, logs);
    if (!this.shouldSave(epoch, logs, filepath)) return;
    const { fs, path } = await nodeModules();
    const directory = path.dirname(filepath);
    if (directory) await fs.mkdir(directory, { recursive: true });
    const existing = await fs.stat(filepath).catch(() => undefined);
    if (existing?.isDirectory()) {
      throw new Error(`Please specify a non-directory filepath for ModelCheckpoint. Filepath used is an existing directory: ${filepath}`);
    }
    if (this.saveWeightsOnly) await this.model.saveWeights(filepath, { overwrite: true });
    else await this.model.save(filepath, { overwrite: true });
    if (this.verbose > 0) printMessage(`\nEpoch ${epoch + 1}: finished saving model to ${filepath}`, this.output);
  }
}
