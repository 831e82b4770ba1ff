import { checkOptionKeys } from '@strata/ops/options';
import { Callback, type CallbackModel, type Logs } from '../callback';
import { nodeModules, writeFileAtomic } from '../node-files';
import { EventFileWriter } from './event-file-writer';
import { KERAS_EMBEDDING_TENSOR_NAME, type ProjectorEmbedding, projectorConfigText } from './projector';
import { computeHistogram, histogramEvent, kerasModelEvent, scalarEvent } from './summary';

export interface TensorBoardOptions {
  /** Root directory; runs go to `<logDir>/train` and `<logDir>/validation`. Default 'logs'. */
  logDir?: string;
  /** Write weight histograms every this many epochs; 0 (default) never. */
  histogramFreq?: number;
  /** 'epoch' (default), or a number of batches between `batch_*` scalars. */
  updateFreq?: 'epoch' | number;
  /** Write the model as Keras's graph summary (tag `keras`, the graph dashboard's conceptual graph). Default true. */
  writeGraph?: boolean;
  /** Save the weights for the projector every this many epochs (`train/keras_embedding.ckpt-<epoch>.weights.h5`); 0 (default) never. */
  embeddingsFreq?: number;
  /** A metadata file for every Embedding layer, or one per layer name (written as `metadata_path` in the projector config). */
  embeddingsMetadata?: string | Record<string, string> | null;
}

/**
 * Keras 3's `TensorBoard` callback, writing real event files that TensorBoard
 * reads: `epoch_<metric>` scalars per epoch (training metrics and
 * `epoch_learning_rate` in `train`, validation metrics without their `val_`
 * prefix in `validation`), `evaluation_<metric>_vs_iterations` at the end of
 * each evaluation (fit's validation included), `batch_<metric>` every
 * `updateFreq` batches, weight histograms tagged by weight path every
 * `histogramFreq` epochs, the model as Keras's `keras` graph summary, and,
 * with `embeddingsFreq`, the projector config and weight checkpoints.
 */
export class TensorBoard extends Callback {
  readonly logDir: string;
  readonly histogramFreq: number;
  readonly updateFreq: 'epoch' | number;
  readonly writeGraph: boolean;
  readonly embeddingsFreq: number;
  readonly embeddingsMetadata: string | Record<string, string> | null;
  private readonly writers = new Map<'train' | 'validation', Promise<EventFileWriter>>();
  private globalTrainBatch = 0;

  constructor(options: TensorBoardOptions = {}) {
    super();
    checkOptionKeys('TensorBoard', options, ['logDir', 'histogramFreq', 'updateFreq', 'writeGraph', 'embeddingsFreq', 'embeddingsMetadata']);
    this.logDir = options.logDir ?? 'logs';
    this.histogramFreq = checkFrequency('histogramFreq', options.histogramFreq);
    this.updateFreq = options.updateFreq ?? 'epoch';
    this.writeGraph = options.writeGraph ?? true;
    this.embeddingsFreq = checkFrequency('embeddingsFreq', options.embeddingsFreq);
    this.embeddingsMetadata = options.embeddingsMetadata ?? null;
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
    // Keras writes both in set_model, which fit calls just before training begins.
    if (this.writeGraph) await this.writeModelGraph();
    if (this.embeddingsFreq > 0) await this.configureEmbeddings();
  }

  /** Keras's `keras_model_summary("keras", model, step=0)`, for Sequential and functional models only, as Keras. */
  private async writeModelGraph(): Promise<void> {
    const json = modelJson(this.model);
    if (json === null) return;
    const writer = await this.writer('train');
    writer.add(kerasModelEvent('keras', json, 0, Date.now() / 1000));
    await writer.flush();
  }

  private async configureEmbeddings(): Promise<void> {
    const remaining = typeof this.embeddingsMetadata === 'object' && this.embeddingsMetadata !== null ? { ...this.embeddingsMetadata } : null;
    const embeddings: ProjectorEmbedding[] = [];
    for (const layer of this.model.layers ?? []) {
      if (layer.className !== 'Embedding') continue;
      const embedding: ProjectorEmbedding = { tensorName: KERAS_EMBEDDING_TENSOR_NAME };
      if (typeof this.embeddingsMetadata === 'string') embedding.metadataPath = this.embeddingsMetadata;
      else if (remaining && Object.hasOwn(remaining, layer.name)) {
        embedding.metadataPath = remaining[layer.name];
        delete remaining[layer.name];
      }
      embeddings.push(embedding);
    }
    if (remaining && Object.keys(remaining).length > 0) {
      const known = (this.model.layers ?? []).filter((layer) => layer.className === 'Embedding').map((layer) => layer.name);
      throw new Error(
        `TensorBoard embeddingsMetadata names layer(s) ${Object.keys(remaining).join(', ')}, which are not Embedding layers of the model; its Embedding layers are: ${known.join(', ') || 'none'}.`,
      );
    }
    const { fs, path } = await nodeModules();
    await fs.mkdir(this.logDir, { recursive: true });
    await writeFileAtomic(path.join(this.logDir, 'projector_config.pbtxt'), new TextEncoder().encode(projectorConfigText(embeddings)));
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
    const optimizer = this.model.optimizer;
    const optimizers = (optimizer?.innerOptimizer ?? optimizer)?.optimizers;
    if (optimizers) {
      // A MultiOptimizer has no learning rate of its own: Keras logs each of its optimizers' by name.
      for (const inner of optimizers) train.add(scalarEvent(`epoch_learning_rate_${inner.name}`, inner.learningRate, epoch, wallTime));
    } else {
      const learningRate = optimizer?.learningRate;
      if (learningRate !== undefined && !trainNames.includes('learning_rate')) {
        train.add(scalarEvent('epoch_learning_rate', learningRate, epoch, wallTime));
      }
    }
    if (validationNames.length > 0) {
      const validation = await this.writer('validation');
      for (const name of validationNames) validation.add(scalarEvent(`epoch_${name.slice(4)}`, logs[name], epoch, wallTime));
      await validation.flush();
    }
    if (this.histogramFreq > 0 && epoch % this.histogramFreq === 0) await this.logWeights(train, epoch);
    await train.flush();
    if (this.embeddingsFreq > 0 && epoch % this.embeddingsFreq === 0) {
      // Keras's _log_embeddings: the whole model's weights, for the projector to read the embedding from.
      const { path } = await nodeModules();
      await this.model.saveWeights(path.join(this.logDir, 'train', `keras_embedding.ckpt-${epoch}.weights.h5`));
    }
  }

  override async onTrainEnd(): Promise<void> {
    for (const writer of this.writers.values()) await (await writer).flush();
    // Keras closes its writers here: the next fit writes new event files.
    this.writers.clear();
  }

  private async logWeights(writer: EventFileWriter, epoch: number): Promise<void> {
    const weights = this.model.getWeights();
    const names = this.model.weights?.map((weight) => weight.path) ?? this.model.weightNames?.() ?? [];
    const wallTime = Date.now() / 1000;
    try {
      for (let index = 0; index < weights.length; index++) {
        const values = await weights[index].data();
        // Keras's tag: the weight's path with ':' replaced, and a suffix against tag collisions.
        const tag = `${(names[index] ?? `weight_${index}`).replaceAll(':', '_')}/histogram`;
        writer.add(histogramEvent(tag, computeHistogram(values as Float32Array), epoch, wallTime));
      }
    } finally {
      for (const weight of weights) weight.dispose();
    }
  }
}

function checkFrequency(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`TensorBoard ${name} must be an integer of 0 (never) or more epochs. Received: ${name}=${String(value)}.`);
  }
  return value;
}

/**
 * Keras's `model.to_json()` (module, class name, config); null where Keras
 * writes no graph: a subclassed model, or one whose config cannot be made
 * (Keras warns and goes on, as here).
 */
function modelJson(model: CallbackModel): string | null {
  const className = model.className ?? 'Functional';
  if ((className !== 'Sequential' && className !== 'Functional') || !model.getConfig) return null;
  try {
    return JSON.stringify({ module: 'keras', class_name: className, config: model.getConfig(), registered_name: null });
  } catch (error) {
    console.warn(`TensorBoard: the model failed to serialize as JSON, so no graph is written. ${(error as Error).message}`);
    return null;
  }
}
