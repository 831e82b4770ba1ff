import { checkOptionKeys } from '@strata/ops/options';
import * as tf from '@tensorflow/tfjs-core';
import { Callback, type CallbackModel, type Logs } from './callback';
import { fileExists, nodeModules, writeFileAtomic } from './node-files';

export interface BackupAndRestoreOptions {
  /** Directory for the backup; use it for nothing else. */
  backupDir: string;
  /** 'epoch' (default) or a number of batches between backups. */
  saveFreq?: 'epoch' | number;
  /** Delete the backup when fit completes. Default true. */
  deleteCheckpoint?: boolean;
}

/** Where one tensor sits in the backup file. */
interface TensorEntry {
  shape: number[];
  dtype: tf.DataType;
  offset: number;
  length: number;
}

interface BackupHeader {
  format: 1;
  /** The epoch to start from when resuming (epochs completed so far). */
  epoch: number;
  /** The last batch seen when a batch-level backup was written, else 0. */
  batch: number;
  weights: TensorEntry[];
  optimizer: TensorEntry[] | null;
}

const magic = 'STRATABK';
const backupFileName = 'latest.backup';

/**
 * Keras's `BackupAndRestore`: backs up the weights, the optimizer state and
 * the epoch counter during fit, and restores them at the start of the next
 * fit, so an interrupted run resumes where it stopped.
 *
 * Everything lives in one file (`<backupDir>/latest.backup`) written to a
 * temporary file and renamed over the old one: a crash at any moment leaves
 * either the previous backup or the new one, never a weights file from one
 * epoch beside a counter from another. (Keras keeps two files and a copy of
 * the previous pair for the same reason.)
 *
 * How the fit loop uses it (Keras sets `model._initial_epoch` in
 * `on_train_begin`; here the loop asks instead, before `onTrainBegin`):
 *
 * ```ts
 * const callbackList = new CallbackList(callbacks, { model, addHistory: true, ... });
 * // After the model and its optimizer are built (slots exist), before onTrainBegin:
 * const resumedEpoch = await callbackList.restore();
 * let epoch = resumedEpoch ?? initialEpoch;
 * await callbackList.onTrainBegin();
 * for (; epoch < epochs && !model.stopTraining; epoch++) { ... }
 * await callbackList.onTrainEnd(); // only when fit completes: an exception must skip it, so the backup survives
 * ```
 */
export class BackupAndRestore extends Callback {
  readonly backupDir: string;
  readonly saveFreq: 'epoch' | number;
  readonly deleteCheckpoint: boolean;
  private batchesSinceLastSave = 0;
  private lastBatchSeen = 0;
  private currentEpoch = 0;

  constructor(options: BackupAndRestoreOptions) {
    super();
    checkOptionKeys('BackupAndRestore', options, ['backupDir', 'saveFreq', 'deleteCheckpoint']);
    if (!options?.backupDir) throw new Error('Empty `backupDir` argument passed to BackupAndRestore.');
    this.backupDir = options.backupDir;
    this.saveFreq = options.saveFreq ?? 'epoch';
    this.deleteCheckpoint = options.deleteCheckpoint ?? true;
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw new Error(
        `Invalid value for argument saveFreq. Received: saveFreq=${this.saveFreq}. Expected either 'epoch' or a positive integer.`,
      );
    }
  }

  async backupPath(): Promise<string> {
    const { path } = await nodeModules();
    return path.join(this.backupDir, backupFileName);
  }

  /**
   * Restores the weights and optimizer state from the backup, if there is
   * one, and returns the epoch to start from; undefined when there is no
   * backup. Throws when the backup does not fit the model.
   */
  async restore(model: CallbackModel = this.model): Promise<number | undefined> {
    const file = await this.backupPath();
    if (!(await fileExists(file))) return undefined;
    const { fs } = await nodeModules();
    const bytes = new Uint8Array(await fs.readFile(file));
    const { header, data } = decodeBackup(bytes, file);
    const current = model.getWeights();
    try {
      if (current.length !== header.weights.length) {
        throw new Error(
          `The backup in ${file} holds ${header.weights.length} weights but the model has ${current.length}: ` +
            'it was written by a different model. Delete it or use another backupDir.',
        );
      }
      header.weights.forEach((entry, index) => {
        if (entry.shape.join(',') !== current[index].shape.join(',')) {
          throw new Error(
            `The backup in ${file} has shape [${entry.shape}] for weight ${index} but the model expects [${current[index].shape}].`,
          );
        }
      });
    } finally {
      for (const weight of current) weight.dispose();
    }
    const weights = header.weights.map((entry) => readTensor(entry, data));
    model.setWeights(weights);
    for (const weight of weights) weight.dispose();
    if (header.optimizer && model.setOptimizerState) {
      const state = header.optimizer.map((entry) => readTensor(entry, data));
      model.setOptimizerState(state);
      for (const value of state) value.dispose();
    }
    this.currentEpoch = header.epoch;
    return header.epoch;
  }

  override async onEpochEnd(epoch: number): Promise<void> {
    this.currentEpoch = epoch + 1;
    this.lastBatchSeen = 0;
    if (this.saveFreq === 'epoch') await this.save();
  }

  override async onTrainBatchEnd(batch: number, _logs?: Logs): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    const added = batch <= this.lastBatchSeen ? batch + 1 : batch - this.lastBatchSeen;
    this.batchesSinceLastSave += added;
    this.lastBatchSeen = batch;
    if (this.batchesSinceLastSave >= this.saveFreq) {
      this.batchesSinceLastSave = 0;
      await this.save();
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (!this.deleteCheckpoint) return;
    // Keras removes the whole directory; only our own file is removed here, and the directory when it is left empty.
    const { fs, path } = await nodeModules();
    await fs.rm(await this.backupPath(), { force: true });
    // A process killed while writing leaves its temporary file behind; it is ours to remove too.
    const leftovers = await fs.readdir(this.backupDir).catch(() => [] as string[]);
    for (const name of leftovers) {
      if (name.startsWith(`${backupFileName}.tmp-`)) await fs.rm(path.join(this.backupDir, name), { force: true });
    }
    await fs.rmdir(this.backupDir).catch(() => undefined);
  }

  /** Writes the backup now (weights, optimizer state, epoch counter). */
  async save(): Promise<void> {
    const weights = this.model.getWeights();
    const optimizer = this.model.optimizerState?.() ?? null;
    try {
      const bytes = await encodeBackup(this.currentEpoch, this.lastBatchSeen, weights, optimizer);
      await writeFileAtomic(await this.backupPath(), bytes);
    } finally {
      for (const tensor of weights) tensor.dispose();
      if (optimizer) for (const tensor of optimizer) tensor.dispose();
    }
  }
}

async function encodeBackup(epoch: number, batch: number, weights: tf.Tensor[], optimizer: tf.Tensor[] | null): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const describe = async (tensor: tf.Tensor): Promise<TensorEntry> => {
    if (tensor.dtype === 'string' || tensor.dtype === 'complex64') {
      throw new Error(`BackupAndRestore cannot store a tensor of dtype ${tensor.dtype}.`);
    }
    const values = (await tensor.data()) as Float32Array | Int32Array | Uint8Array;
    const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
    chunks.push(raw);
    const entry = { shape: tensor.shape, dtype: tensor.dtype, offset, length: raw.byteLength };
    offset += raw.byteLength;
    return entry;
  };
  const header: BackupHeader = { format: 1, epoch, batch, weights: [], optimizer: optimizer ? [] : null };
  for (const tensor of weights) header.weights.push(await describe(tensor));
  if (optimizer) for (const tensor of optimizer) header.optimizer!.push(await describe(tensor));
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const result = new Uint8Array(magic.length + 4 + headerBytes.length + offset);
  result.set(new TextEncoder().encode(magic), 0);
  new DataView(result.buffer).setUint32(magic.length, headerBytes.length, true);
  result.set(headerBytes, magic.length + 4);
  let position = magic.length + 4 + headerBytes.length;
  for (const chunk of chunks) {
    result.set(chunk, position);
    position += chunk.byteLength;
  }
  return result;
}

function decodeBackup(bytes: Uint8Array, file: string): { header: BackupHeader; data: Uint8Array } {
  const corrupt = (why: string) => new Error(`The backup file ${file} is not a Strata backup (${why}).`);
  if (bytes.length < magic.length + 4 || new TextDecoder().decode(bytes.subarray(0, magic.length)) !== magic) {
    throw corrupt('wrong magic bytes');
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(magic.length, true);
  const headerEnd = magic.length + 4 + headerLength;
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(magic.length + 4, headerEnd))) as BackupHeader;
  const data = bytes.subarray(headerEnd);
  const entries = [...header.weights, ...(header.optimizer ?? [])];
  const needed = entries.reduce((end, entry) => Math.max(end, entry.offset + entry.length), 0);
  if (header.format !== 1 || data.length < needed) throw corrupt(`expected ${needed} data bytes, found ${data.length}`);
  return { header, data };
}

function readTensor(entry: TensorEntry, data: Uint8Array): tf.Tensor {
  // Copy into a fresh buffer: typed arrays need aligned offsets.
  const raw = data.slice(entry.offset, entry.offset + entry.length);
  const values =
    entry.dtype === 'int32' ? new Int32Array(raw.buffer) : entry.dtype === 'bool' ? new Uint8Array(raw.buffer) : new Float32Array(raw.buffer);
  return tf.tensor(values, entry.shape, entry.dtype);
}
