import { DEFAULT_READ_LIMITS, KerasFileError } from './types';

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

/** Bytes from a path on disk (Node) or from an in-memory file (any runtime); a path is read up to `maxBytes`. */
export async function bytesFrom(source: string | BinaryInput, maxBytes = DEFAULT_READ_LIMITS.maxFileBytes): Promise<Uint8Array> {
  return typeof source === 'string' ? readFileBytes(source, maxBytes) : toBytes(source);
}

/**
 * Reads a file from disk (Node only). Only a regular file is read: a device
 * (`/dev/zero`), a FIFO, a socket or a directory is refused before a byte is
 * read, and so is a file larger than `maxBytes`. The file is opened without
 * blocking and checked through the open handle, so it cannot be swapped for
 * something else between the check and the read.
 */
export async function readFileBytes(path: string, maxBytes = DEFAULT_READ_LIMITS.maxFileBytes): Promise<Uint8Array> {
  const { open, stat } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  const { constants } = await import(/* webpackIgnore: true */ 'node:fs');
  const shown = JSON.stringify(path);
  const before = await statOrFail(stat, path);
  checkRegular(before, shown, maxBytes);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new KerasFileError(`Cannot open ${shown}: ${(error as Error).message}.`);
  }
  try {
    const info = await handle.stat();
    checkRegular(info, shown, maxBytes);
    const bytes = new Uint8Array(info.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) throw new KerasFileError(`${shown} shrank while it was read: ${filled} of its ${info.size} bytes were there.`);
      filled += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

interface FileInfo {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}

async function statOrFail(stat: (path: string) => Promise<FileInfo>, path: string): Promise<FileInfo> {
  try {
    return await stat(path);
  } catch (error) {
    throw new KerasFileError(`Cannot read ${JSON.stringify(path)}: ${(error as Error).message}.`);
  }
}

function checkRegular(info: FileInfo, shown: string, maxBytes: number): void {
  if (!info.isFile()) {
    const kind = info.isDirectory()
      ? 'a directory'
      : info.isFIFO()
        ? 'a FIFO (named pipe)'
        : info.isCharacterDevice()
          ? 'a character device'
          : info.isBlockDevice()
            ? 'a block device'
            : info.isSocket()
              ? 'a socket'
              : 'not a regular file';
    throw new KerasFileError(`Refusing to read ${shown}: it is ${kind}; a Keras file must be a regular file.`);
  }
  if (info.size > maxBytes) throw new KerasFileError(`Refusing to read ${shown}: it has ${info.size} bytes, more than the limit of ${maxBytes} bytes (maxFileBytes).`);
}

/**
 * Writes `bytes` to `path` so that readers see either the old file or the
 * complete new one: the bytes go to a temporary file in the same folder
 * (rename is only atomic within one file system), are flushed to disk, then
 * renamed over the target. On failure the temporary file is removed and an
 * existing file at `path` is left untouched.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const { open, rename, rm } = await import(/* webpackIgnore: true */ 'node:fs/promises');
  const { dirname, basename, join } = await import(/* webpackIgnore: true */ 'node:path');
  const { randomBytes } = await import(/* webpackIgnore: true */ 'node:crypto');
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
