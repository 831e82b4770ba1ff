import { Callback, type Logs } from '../callback';
import { nodeModules } from '../node-files';
import { EventFileWriter } from './event-file-writer';
import { computeHistogram, histogramEvent, scalarEvent, textEvent } from './summary';

export interface TensorBoardOptions {
  /** Root directory; runs go to `<logDir>/train` and `<logDir>/validation`. Default 'logs'. */
  logDir?: string;
  /** Write weight histograms every this many epochs; 0 (default) never. */
  histogramFreq?: number;
  /** 'epoch' (default), or a number of batches between `batch_*` scalars. */
  updateFreq?: 'epoch' | number;
  /** Write the model's config (text dashboard) when training starts. Default true. */
  writeGraph?: boolean;
}

/**
 * Keras 3's `TensorBoard` callback, writing real event files that TensorBoard
 * reads: `epoch_<metric>` scalars per epoch (training metrics and
 * `epoch_learning_rate` in `train`, validation metrics without their `val_`
 * prefix in `validation`), `evaluation_<metric>_vs_iterations` at the end of
 * each evaluation, `batch_<metric>` every `updateFreq` batches, weight
 * histograms every `histogramFreq` epochs, and the model config.
 */
export class TensorBoard extends Callback {
  readonly logDir: string;
  readonly histogramFreq: number;
  readonly updateFreq: 'epoch' | number;
  readonly writeGraph: boolean;
  private readonly writers = new Map<'train' | 'validation', Promise<EventFileWriter>>();
  private globalTrainBatch = 0;

  constructor(options: TensorBoardOptions = {}) {
    super();
    this.logDir = options.logDir ?? 'logs';
    this.histogramFreq = options.histogramFreq ?? 0;
    this.updateFreq = options.updateFreq ?? 'epoch';
    this.writeGraph = options.writeGraph ?? true;
    if (this.updateFreq !== 'epoch' && !(Number.isInteger(this.updateFreq) && this.updateFreq > 0)) {
      throw new Error(`TensorBoard updateFreq must be 'epoch' or a positive integer. Received: ${this.updateFreq}`);
    }
  }

  /** Writers open on first use, as Keras's do, so a run without validation has no validation folder. */
  private writer(run: 'train' | 'validation'): Promise<EventFileWriter> {
    let writer = this.writers.get(run);
    if (!writer) {
      writer = nodeModules().then(async ({ fs, path }) => {
        const directory = path.join(this.logDir, run);
        await fs.mkdir(directory, { recursive: true });
        return EventFileWriter.create(directory);
      });
      this.writers.set(run, writer);
    }
    return writer;
  }

  override async onTrainBegin(): Promise<void> {
    this.globalTrainBatch = 0;
    if (this.writeGraph && this.model.getConfig) {
      const config = JSON.stringify(this.model.getConfig(), null, 2);
      // The text dashboard renders markdown: a code block keeps the JSON readable.
      (await this.writer('train')).add(textEvent('model_config', '```json\n' + config + '\n```', 0, Date.now() / 1000));
      await (await this.writer('train')).flush();
    }
  }

  override onTrainBatchBegin(): void {
    this.globalTrainBatch += 1;
  }

  override async onTrainBatchEnd(_batch: number, logs?: Logs): Promise<void> {
    if (this.updateFreq === 'epoch' || !logs || this.globalTrainBatch % this.updateFreq !== 0) return;
    // Only on these batches are the (possibly lazy) batch logs read.
    const writer = await this.writer('train');
    const wallTime = Date.now() / 1000;
    for (const name of Object.keys(logs)) writer.add(scalarEvent(`batch_${name}`, logs[name], this.globalTrainBatch, wallTime));
  }

  override async onTestEnd(logs?: Logs): Promise<void> {
    if (!logs || Object.keys(logs).length === 0) return;
    // Keras's step is optimizer.iterations: the training steps run so far.
    const iterations = (this.model.optimizer as { iterations?: unknown } | undefined)?.iterations;
    const step = typeof iterations === 'number' ? iterations : this.globalTrainBatch;
    const writer = await this.writer('validation');
    const wallTime = Date.now() / 1000;
    for (const name of Object.keys(logs)) writer.add(scalarEvent(`evaluation_${name}_vs_iterations`, logs[name], step, wallTime));
    await writer.flush();
  }

  override async onEpochEnd(epoch: number, logs: Logs = {}): Promise<void> {
    const wallTime = Date.now() / 1000;
    const trainNames = Object.keys(logs).filter((name) => !name.startsWith('val_'));
    const validationNames = Object.keys(logs).filter((name) => name.startsWith('val_'));
    const train = await this.writer('train');
    for (const name of trainNames) train.add(scalarEvent(`epoch_${name}`, logs[name], epoch, wallTime));
    const learningRate = this.model.optimizer?.learningRate;
    if (learningRate !== undefined && !trainNames.includes('learning_rate')) {
      train.add(scalarEvent('epoch_learning_rate', learningRate, epoch, wallTime));
    }
    if (validationNames.length > 0) {
      const validation = await this.writer('validation');
      for (const name of validationNames) validation.add(scalarEvent(`epoch_${name.slice(4)}`, logs[name], epoch, wallTime));
      await validation.flush();
    }
    if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0) await this.logWeights(train, epoch);
    await train.flush();
  }

  override async onTrainEnd(): Promise<void> {
    for (const writer of this.writers.values()) await (await writer).flush();
    // Keras closes its writers here: the next fit writes new event files.
    this.writers.clear();
  }

  private async logWeights(writer: EventFileWriter, epoch: number): Promise<void> {
    const weights = this.model.getWeights();
    const names = this.model.weightNames?.() ?? weights.map((_, index) => `weight_${index}`);
    const wallTime = Date.now() / 1000;
    try {
      for (let index = 0; index < weights.length; index++) {
        const values = await weights[index].data();
        // Keras's tag: the weight's name with ':' replaced, and a suffix against tag collisions.
        const tag = `${(names[index] ?? `weight_${index}`).replaceAll(':', '_')}/histogram`;
        writer.add(histogramEvent(tag, computeHistogram(values as Float32Array), epoch, wallTime));
      }
    } finally {
      for (const weight of weights) weight.dispose();
    }
  }
}
