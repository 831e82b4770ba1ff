import { gunzip, hashHex, isGzip, isNode, publishedHash, sha256Hex } from './bytes';
import { defaultCacheDir, getFile } from './get-file';

/** One file a data set is made of, with where it is published and how to check it. */
export interface DatasetFile {
  /** The canonical file name, for example `train-images-idx3-ubyte.gz`. */
  name: string;
  /** Sub-folder in every search location, for example `fashion-mnist`. */
  subdir: string;
  /** The canonical download address (Keras's origin where Keras downloads it). */
  url: string;
  /** Published SHA-256 of the file as downloaded. */
  sha256?: string;
  /** Published MD5, for a file whose publisher gives no SHA-256 (Keras's `imdb_word_index.json`); one of the two is required. */
  md5?: string;
  /**
   * SHA-256 of the decompressed data, for local `.gz` copies whose bytes differ
   * while the data is the same (Debian rewrites the gzip header).
   */
  contentSha256?: string;
}

export interface LocateOptions {
  /** A file or a folder to read from first. Files given explicitly are not hash-checked, only parsed strictly. */
  path?: string;
  /** Root of the user cache (default `~/.strata`); files are cached in `<cacheDir>/datasets/<subdir>/`. */
  cacheDir?: string;
  /** Replaces the start of every download address (mirrors, tests). */
  baseUrl?: string;
}

/** Debian's `dataset-fashion-mnist` installs here; other system packages may follow. */
export const SYSTEM_DATASETS_DIR = '/usr/share/datasets';

/**
 * Reads a data set file, searching in order: an explicit path, the
 * `STRATA_DATASETS_DIR` folder, the user cache, the system folder, and last
 * the canonical download address (verified, then cached). Returns the raw
 * bytes; a `.gz` file is returned decompressed when `decompress` is true.
 */
export async function readDatasetFile(
  file: DatasetFile,
  options: LocateOptions = {},
  { decompress = true, download = true }: { decompress?: boolean; download?: boolean } = {},
): Promise<Uint8Array> {
  if (!isNode()) {
    throw new Error(`Loading ${file.name} needs a file system (Node). In a browser, fetch ${file.url} and use the parsers.`);
  }
  const published = publishedHash(file);
  if (published === undefined) throw new Error(`The dataset file description of ${file.name} has neither a sha256 nor an md5 to verify it with.`);
  const hashText = `${published.label} ${published.hex}`;
  const [fs, path] = await Promise.all([import(/* webpackIgnore: true */ 'node:fs'), import(/* webpackIgnore: true */ 'node:path')]);
  const cacheRoot = options.cacheDir ?? (await defaultCacheDir());
  const looked: string[] = [];
  const prepare = async (bytes: Uint8Array, where: string) =>
    decompress && isGzip(bytes) ? await gunzip(bytes, where) : bytes;

  if (options.path !== undefined) {
    const explicit = fs.existsSync(options.path) && fs.statSync(options.path).isDirectory()
      ? path.join(options.path, file.name)
      : options.path;
    if (!fs.existsSync(explicit)) {
      throw new Error(
        `${file.name} was not found at the path given: ${explicit}. Download it from ${file.url} ` +
          `(${hashText}) and place it there, or leave out path to search the usual folders.`,
      );
    }
    return prepare(await readBytes(explicit), explicit);
  }

  const folders = [
    process.env.STRATA_DATASETS_DIR ? path.join(process.env.STRATA_DATASETS_DIR, file.subdir) : undefined,
    path.join(cacheRoot, 'datasets', file.subdir),
    path.join(SYSTEM_DATASETS_DIR, file.subdir),
  ].filter((folder): folder is string => folder !== undefined);
  const cacheFolder = path.join(cacheRoot, 'datasets', file.subdir);
  for (const folder of folders) {
    const candidate = path.join(folder, file.name);
    looked.push(candidate);
    if (!fs.existsSync(candidate)) continue;
    const bytes = await readBytes(candidate);
    if ((await hashHex(bytes, published.algorithm)) === published.hex) return prepare(bytes, candidate);
    if (file.contentSha256 !== undefined && isGzip(bytes)) {
      const content = await gunzip(bytes, candidate);
      if ((await sha256Hex(content)) === file.contentSha256) return decompress ? content : bytes;
    }
    // A bad copy in our own cache is replaced by downloading again, as Keras's get_file does.
    if (folder === cacheFolder) continue;
    throw new Error(
      `${candidate} does not have the expected ${published.label} (file ${published.hex}` +
        `${file.contentSha256 ? `, or decompressed data ${file.contentSha256}` : ''}). ` +
        'It may be truncated or another version; delete or replace it.',
    );
  }

  if (!download) throw new MissingFileError(`${file.name} is not in any local folder. Looked in: ${looked.join(', ')}.`);
  const url = options.baseUrl ? options.baseUrl.replace(/\/?$/, '/') + file.name : file.url;
  try {
    const cached = await getFile(file.name, url, {
      sha256: file.sha256,
      md5: file.md5,
      cacheDir: cacheRoot,
      cacheSubdir: path.join('datasets', file.subdir),
    });
    return prepare(await readBytes(cached), cached);
  } catch (cause) {
    throw new Error(
      `${file.name} is missing. Looked in: ${looked.join(', ')}. ${(cause as Error).message} To use it offline, download it from ${file.url} on another machine and ` +
        `place it as ${path.join(cacheRoot, 'datasets', file.subdir, file.name)}, or set STRATA_DATASETS_DIR to a ` +
        `folder holding ${file.subdir}/${file.name}.`,
      { cause },
    );
  }
}

async function readBytes(file: string): Promise<Uint8Array> {
  const fs = await import(/* webpackIgnore: true */ 'node:fs');
  const buffer = await fs.promises.readFile(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Thrown when a file is not found locally and downloading was not allowed. */
export class MissingFileError extends Error {
  override name = 'MissingFileError';
}
