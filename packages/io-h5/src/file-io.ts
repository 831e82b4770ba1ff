import { KerasFileError } from './types';

/**
 * Getting bytes in and out of the host. Node modules are imported
 * dynamically, so a browser bundle of this package never pulls in `node:fs`.
 */
export type BinaryInput = Uint8Array | ArrayBuffer | Blob;

/** Bytes of an in-memory file: a Uint8Array as is, an ArrayBuffer viewed, a Blob (or browser File) read. */
export async function toBytes(input: BinaryInput): Promise<Uint8Array> {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (typeof Blob !== 'undefined' && input instanceof Blob) return new Uint8Array(await input.arrayBuffer());
  throw new KerasFileError(`Expected a Uint8Array, an ArrayBuffer or a Blob, received ${Object.prototype.toString.call(input)}.`);
}

/** Bytes from a path on disk (Node) or from an in-memory file (any runtime). */
export async function bytesFrom(source: string | BinaryInput): Promise<Uint8Array> {
  return typeof source === 'string' ? readFileBytes(source) : toBytes(source);
}

/** Reads a file from disk (Node only). */
export async function readFileBytes(path: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  const buffer = await readFile(path);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Writes `bytes` to `path` so that readers see either the old file or the
 * complete new one: the bytes go to a temporary file in the same folder
 * (rename is only atomic within one file system), are flushed to disk, then
 * renamed over the target. On failure the temporary file is removed and an
 * existing file at `path` is left untouched.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const { open, rename, rm } = await import('node:fs/promises');
  const { dirname, basename, join } = await import('node:path');
  const { randomBytes } = await import('node:crypto');
  const temporaryPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporaryPath, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true }).catch(() => {});
    throw error;
  }
}
