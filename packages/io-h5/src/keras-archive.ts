import { checkMemberSize } from './budget';
import { decodeUtf8, parseJsonSafely, pythonJsonDumps } from './json';
import { KERAS_FORMAT_VERSION, KerasFileError, type KerasArchive, type KerasMetadata, type ReadLimits, type ReadOptions, resolveLimits, type WeightsStore } from './types';
import { readWeightsH5, type WeightsStoreInput, writeWeightsH5 } from './weights-store';
import { hasZipSignature, openZip, type ZipEntry } from './zip/read-zip';
import { writeZip } from './zip/write-zip';

/**
 * The `.keras` archive of Keras ≥ 3 (saving_lib.save_model): a zip holding
 * `metadata.json`, `config.json`, `model.weights.h5` and, for a few layers,
 * `assets/...`.
 */
const METADATA = 'metadata.json';
const CONFIG = 'config.json';
const WEIGHTS_H5 = 'model.weights.h5';
const WEIGHTS_NPZ = 'model.weights.npz';


export interface KerasArchiveReadOptions extends ReadOptions {
  /**
   * Inflate the members other than metadata.json, config.json and model.weights.h5 (`assets/...`) into `assets`.
   * Default true; `loadModel` passes false, as no Strata layer reads assets. Either way their declared sizes are
   * checked against the read budget.
   */
  readAssets?: boolean;
  /** The `vars` groups to read from model.weights.h5 (see readWeightsH5's `only`). Default: all. */
  only?: string[];
}

export async function readKerasArchive(bytes: Uint8Array, options: KerasArchiveReadOptions = {}): Promise<KerasArchive> {
  const opened = openKerasArchive(bytes, options);
  const store = await opened.readWeights(options.only);
  return { metadata: opened.metadata, config: opened.config, weights: store.weights, groups: store.groups, assets: opened.assets, ...(store.unread ? { unread: store.unread } : {}) };
}

/** A `.keras` archive whose config is read and whose weights are read on request, of only the groups asked for. */
export interface OpenedKerasArchive {
  metadata: KerasMetadata;
  config: unknown;
  assets: Map<string, Uint8Array>;
  /** The size model.weights.h5 declares in the archive's directory: all the weight data the archive can hold. */
  weightsSize: number;
  /** Reads model.weights.h5; with `only`, the datasets of other `vars` groups are not read (see readWeightsH5). */
  readWeights(only?: string[]): Promise<WeightsStore>;
}

/** Reads the archive's directory, config.json, metadata.json and (unless told not to) its assets; not its weights. */
export function openKerasArchive(bytes: Uint8Array, options: KerasArchiveReadOptions = {}): OpenedKerasArchive {
  const description = options.description ?? '.keras archive';
  const limits = resolveLimits(options.limits);
  if (!hasZipSignature(bytes)) throw new KerasFileError(`${description}: not a zip archive (no zip signature); a .keras file is a zip.`);
  // Only the directory is read here; each member is inflated when needed, after its declared size is checked.
  const directory = openZip(bytes, description, limits);
  const members = new Map(directory.entries.map((entry) => [entry.name.replaceAll('\\', '/'), entry]));
  const inflate = (name: string, limit?: { bytes: number; name: string }): Uint8Array | undefined => {
    const entry = members.get(name);
    if (entry === undefined) return undefined;
    if (limit !== undefined) checkMemberSize(name, entry.uncompressedSize, limit.bytes, limit.name, description);
    return directory.extract(entry);
  };
  const jsonLimit = { bytes: limits.maxJsonBytes, name: 'maxJsonBytes' };

  const configBytes = inflate(CONFIG, jsonLimit);
  if (configBytes === undefined) throw new KerasFileError(`${description}: it has no ${CONFIG}; members are ${JSON.stringify([...members.keys()])}.`);
  const config = parseJsonSafely(decodeUtf8(configBytes, `${description} ${CONFIG}`), `${description} ${CONFIG}`, limits);
  if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new KerasFileError(`${description}: ${CONFIG} should hold a JSON object.`);

  const metadata = readMetadata(inflate(METADATA, jsonLimit), description, limits);
  if (!members.has(WEIGHTS_H5)) {
    const hint = members.has(WEIGHTS_NPZ) ? ` (it has ${WEIGHTS_NPZ}; weights_format="npz" is not supported yet)` : '';
    throw new KerasFileError(`${description}: it has no ${WEIGHTS_H5}${hint}.`);
  }
  const readWeights = (only?: string[]) =>
    readWeightsH5(inflate(WEIGHTS_H5) as Uint8Array, {
      limits,
      description: `${description} ${WEIGHTS_H5}`,
      readTimeoutMs: options.readTimeoutMs,
      sourceBytes: options.sourceBytes ?? bytes.length,
      only,
    });

  const assets = new Map<string, Uint8Array>();
  if (options.readAssets ?? true) {
    for (const name of members.keys()) {
      if (name !== METADATA && name !== CONFIG && name !== WEIGHTS_H5) assets.set(name, inflate(name) as Uint8Array);
    }
  }
  return { metadata, config, assets, weightsSize: (members.get(WEIGHTS_H5) as ZipEntry).uncompressedSize, readWeights };
}

function readMetadata(bytes: Uint8Array | undefined, description: string, limits: ReadLimits): KerasMetadata {
  // Keras's loader does not need metadata.json; accept an archive without it.
  if (bytes === undefined) return { keras_version: 'unknown', date_saved: '' };
  const where = `${description} ${METADATA}`;
  const metadata = parseJsonSafely(decodeUtf8(bytes, where), where, limits) as Record<string, unknown> | null;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) throw new KerasFileError(`${where}: should hold a JSON object.`);
  for (const key of ['keras_version', 'date_saved']) {
    if (key in metadata && typeof metadata[key] !== 'string') throw new KerasFileError(`${where}: ${key} should be a string, received ${JSON.stringify(metadata[key])}.`);
  }
  return { ...metadata, keras_version: (metadata.keras_version as string) ?? 'unknown', date_saved: (metadata.date_saved as string) ?? '' };
}

export interface KerasArchiveInput extends WeightsStoreInput {
  /** Defaults to `{keras_version: KERAS_FORMAT_VERSION, date_saved: <now>}`. */
  metadata?: Partial<KerasMetadata>;
  config: unknown;
  assets?: Map<string, Uint8Array>;
}

export async function writeKerasArchive(archive: KerasArchiveInput): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const metadata = { keras_version: KERAS_FORMAT_VERSION, date_saved: formatSaveDate(new Date()), ...archive.metadata };
  const weights = await writeWeightsH5(archive);
  const members = [
    { name: METADATA, bytes: encoder.encode(pythonJsonDumps(metadata)) },
    { name: CONFIG, bytes: encoder.encode(pythonJsonDumps(archive.config)) },
    { name: WEIGHTS_H5, bytes: weights, modified: new Date() },
  ];
  for (const [name, bytes] of archive.assets ?? []) {
    if (!name.startsWith('assets/') || name.split('/').includes('..')) throw new KerasFileError(`Cannot save asset ${JSON.stringify(name)}: asset names must start with "assets/" and stay inside it.`);
    members.push({ name, bytes, modified: new Date() });
  }
  return writeZip(members);
}

/** Keras's `datetime.now().strftime("%Y-%m-%d@%H:%M:%S")`. */
export function formatSaveDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}@${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
