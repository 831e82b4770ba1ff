import { type HashAlgorithm, isNode, publishedHash } from './bytes';

export interface GetFileOptions {
  /** The SHA-256 (hex) the downloaded file must have; a file already cached with another hash is downloaded again. */
  sha256?: string;
  /**
   * The MD5 (hex) instead, for files whose publisher gives only that (Keras's
   * `get_file(file_hash=...)` accepts either; its `imdb_word_index.json` has an MD5 only).
   * Ignored when `sha256` is given.
   */
  md5?: string;
  /** Root of the cache, `~/.strata` by default (Keras's is `~/.keras`). */
  cacheDir?: string;
  /** Folder inside `cacheDir`, `datasets` by default, as Keras's `cache_subdir`. */
  cacheSubdir?: string;
  /** Aborts a download that has not finished after this many milliseconds (default 10 minutes). */
  timeoutMs?: number;
}

/** The user cache root, `~/.strata`, as Keras's `~/.keras`. */
export async function defaultCacheDir(): Promise<string> {
  const [os, path] = await Promise.all([import(/* webpackIgnore: true */ 'node:os'), import(/* webpackIgnore: true */ 'node:path')]);
  return path.join(os.homedir(), '.strata');
}

/**
 * Like Keras's `get_file`: returns the path of `name` in the cache, downloading
 * it from `url` first when it is missing or its hash is wrong. A download is
 * written to a temporary file in the cache folder, hashed while it streams,
 * and renamed into place only when the hash matches, so an interrupted or
 * corrupted download never leaves a file that looks valid. Node only.
 */
export async function getFile(name: string, url: string, options: GetFileOptions = {}): Promise<string> {
  if (!isNode()) throw new Error(`getFile('${name}') needs a file system (Node); in a browser, fetch '${url}' directly.`);
  const [fs, path] = await Promise.all([import(/* webpackIgnore: true */ 'node:fs'), import(/* webpackIgnore: true */ 'node:path')]);
  const folder = path.join(options.cacheDir ?? (await defaultCacheDir()), options.cacheSubdir ?? 'datasets');
  const target = path.join(folder, name);
  const expected = publishedHash(options);
  if (fs.existsSync(target)) {
    if (expected === undefined || (await hashFile(target, expected.algorithm)) === expected.hex) return target;
  }
  await fs.promises.mkdir(folder, { recursive: true });
  await download(url, target, options);
  return target;
}

async function hashFile(file: string, algorithm: HashAlgorithm): Promise<string> {
  const [crypto, fs] = await Promise.all([import(/* webpackIgnore: true */ 'node:crypto'), import(/* webpackIgnore: true */ 'node:fs')]);
  const hash = crypto.createHash(algorithm);
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Uint8Array);
  return hash.digest('hex');
}

async function download(url: string, target: string, options: GetFileOptions): Promise<void> {
  const [crypto, fs, stream] = await Promise.all([import(/* webpackIgnore: true */ 'node:crypto'), import(/* webpackIgnore: true */ 'node:fs'), import(/* webpackIgnore: true */ 'node:stream/promises')]);
  const temporary = `${target}.${process.pid}.${Date.now()}.part`;
  const expected = publishedHash(options);
  const hash = crypto.createHash(expected?.algorithm ?? 'sha256');
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 600_000) });
    if (!response.ok || response.body === null) {
      throw new Error(`the server answered ${response.status} ${response.statusText}`);
    }
    const output = fs.createWriteStream(temporary);
    await stream.pipeline(
      response.body as unknown as AsyncIterable<Uint8Array>,
      async function* (chunks: AsyncIterable<Uint8Array>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          yield chunk;
        }
      },
      output,
    );
  } catch (cause) {
    await fs.promises.rm(temporary, { force: true });
    throw new Error(`Downloading '${url}' failed: ${(cause as Error).message}.`, { cause });
  }
  const actual = hash.digest('hex');
  if (expected !== undefined && actual !== expected.hex) {
    await fs.promises.rm(temporary, { force: true });
    throw new Error(
      `The file downloaded from '${url}' has ${expected.label} ${actual}, expected ${expected.hex}; it was discarded. ` +
        'The download may be corrupted or the server may serve another file.',
    );
  }
  await fs.promises.rename(temporary, target);
}
