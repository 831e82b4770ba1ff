import { KerasFileError } from '../types';
import { findCorruptGlobalHeap } from './global-heap';

/**
 * Loading h5wasm and moving bytes in and out of its in-memory file system.
 *
 * We use h5wasm's ESM build everywhere, Node included: its file system is
 * Emscripten's MEMFS, so a hostile file can never reach the host disk, and
 * the wasm binary is embedded, so nothing is fetched. It is imported lazily so
 * that importing `@strata/io-h5` costs nothing until a file is read.
 */
export type Hdf5Library = typeof import('h5wasm');
export type Hdf5File = InstanceType<Hdf5Library['File']>;
export type Hdf5Group = InstanceType<Hdf5Library['Group']>;
export type Hdf5Dataset = InstanceType<Hdf5Library['Dataset']>;

let libraryPromise: Promise<Hdf5Library> | null = null;
let temporaryCounter = 0;
/** The HDF5 library's last diagnostic text; see captureDiagnostics. */
let diagnostics = '';
const MAX_DIAGNOSTIC_CHARACTERS = 4096;

export function loadHdf5(): Promise<Hdf5Library> {
  if (libraryPromise === null) {
    libraryPromise = (async () => {
      const library = await import('h5wasm');
      const module = await library.ready;
      captureDiagnostics(module.FS);
      sealFileSystem(module.FS);
      return library;
    })();
    // A failed start must not be cached forever: the next call tries again.
    libraryPromise.catch(() => {
      libraryPromise = null;
    });
  }
  return libraryPromise;
}

/**
 * The HDF5 C library prints an error stack ("HDF5-DIAG: ...") on stderr for
 * every failed call, which is every malformed file. We point the module's
 * file descriptor 2 at a device that keeps the text, so the console stays
 * quiet and our errors can quote what HDF5 said.
 */
function captureDiagnostics(fileSystem: any): void {
  try {
    const decoder = new TextDecoder();
    const device = fileSystem.makedev(64, 7);
    fileSystem.registerDevice(device, {
      open() {},
      close() {},
      read() {
        return 0;
      },
      write(_stream: unknown, buffer: Uint8Array, offset: number, length: number) {
        diagnostics = (diagnostics + decoder.decode(buffer.subarray(offset, offset + length))).slice(-MAX_DIAGNOSTIC_CHARACTERS);
        return length;
      },
    });
    fileSystem.mkdev('/dev/strata-hdf5-diagnostics', device);
    const stderr = fileSystem.getStream?.(2) ?? fileSystem.streams?.[2];
    if (stderr) fileSystem.close(stderr);
    // Emscripten hands out the lowest free descriptor, so this open becomes fd 2.
    fileSystem.open('/dev/strata-hdf5-diagnostics', 'w');
  } catch {
    // Quiet diagnostics are a nicety; reading works without them.
  }
}

/**
 * HDF5 can read a dataset's data from other files (external raw storage, an
 * "external file list"), named by the file being read. In h5wasm's memory file
 * system those are Emscripten's devices (/dev/null reads zeros, /dev/urandom
 * never ends) and /proc/self/fd/N (the open files, the file being read
 * included). We remove them all, so an external file can never be opened and
 * such a read fails; tree.ts then refuses the dataset by name. Our own files
 * get unguessable names (temporaryName).
 */
function sealFileSystem(fileSystem: any): void {
  try {
    fileSystem.unmount?.('/proc/self/fd');
  } catch {
    // Not mounted in this build.
  }
  for (const path of ['/proc/self/fd', '/proc/self', '/proc']) removeQuietly(fileSystem, path, true);
  for (const name of ['null', 'zero', 'tty', 'tty1', 'random', 'urandom', 'stdin', 'stdout', 'stderr', 'strata-hdf5-diagnostics']) {
    removeQuietly(fileSystem, `/dev/${name}`, false);
  }
}

function removeQuietly(fileSystem: any, path: string, directory: boolean): void {
  try {
    if (directory) fileSystem.rmdir(path);
    else fileSystem.unlink(path);
  } catch {
    // Absent in this build, or in use.
  }
}

/**
 * What HDF5 printed since the last call, summarised, and cleared. Some h5wasm
 * calls ignore HDF5's status (listing a group with a corrupt B-tree returns
 * an empty list), so the printed stack is the only sign that a step failed.
 */
export const EXTERNAL_STORAGE_DIAGNOSTIC = 'external raw storage (an external file list) could not be read';

export function takeDiagnostics(): string {
  const text = diagnostics;
  diagnostics = '';
  // HDF5's external-file-list functions in the stack: the read tried to open a file named by the file.
  if (/H5D__efl|H5D_efl|external (raw )?data file/i.test(text)) return EXTERNAL_STORAGE_DIAGNOSTIC;
  if (text !== '' && !text.includes('minor:')) return text.trim().slice(0, 200);
  // The innermost HDF5 messages ("major: ... minor: ...") are the useful part.
  const minors = [...text.matchAll(/minor: ([^\n]+)/g)].map((match) => match[1].trim());
  return [...new Set(minors)].slice(0, 3).join('; ');
}

/** A name no file can guess, so an external-storage reference cannot point at a file being read. */
function temporaryName(): string {
  temporaryCounter += 1;
  const random = Array.from(globalThis.crypto.getRandomValues(new Uint32Array(4)), (part) => part.toString(36)).join('');
  return `/strata-io-h5-${random}-${temporaryCounter}.h5`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Turns whatever h5wasm threw (Errors, plain strings, a wasm trap) into a
 * KerasFileError that names the file and says what went wrong.
 */
export function asFileError(error: unknown, description: string): KerasFileError {
  if (error instanceof KerasFileError) return error;
  const detail = takeDiagnostics();
  const suffix = detail ? ` (HDF5: ${detail})` : '';
  if (error instanceof WebAssembly.RuntimeError || /abort/i.test(messageOf(error))) {
    return new KerasFileError(`${description}: the HDF5 library stopped while reading it, so the file is corrupt or hostile: ${messageOf(error)}${suffix}.`);
  }
  return new KerasFileError(`${description}: HDF5 could not read it: ${messageOf(error)}${suffix}.`);
}

/** HDF5's signature; the superblock sits at offset 0, 512, 1024, 2048... (a user block may come first). */
const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export function hasHdf5Signature(bytes: Uint8Array): boolean {
  return hdf5SignatureOffset(bytes) >= 0;
}

/** Where HDF5's superblock signature is (0, 512, 1024...), or -1. */
export function hdf5SignatureOffset(bytes: Uint8Array): number {
  for (let offset = 0; offset + HDF5_SIGNATURE.length <= bytes.length; offset = offset === 0 ? 512 : offset * 2) {
    if (HDF5_SIGNATURE.every((byte, index) => bytes[offset + index] === byte)) return offset;
  }
  return -1;
}

/**
 * Opens `bytes` read-only under a unique name in h5wasm's memory file system,
 * runs `read`, and always closes and deletes the file, whatever happens.
 */
export async function readHdf5Bytes<T>(
  bytes: Uint8Array,
  description: string,
  read: (file: Hdf5File, library: Hdf5Library) => T,
): Promise<T> {
  if (!hasHdf5Signature(bytes)) {
    throw new KerasFileError(`${description}: not an HDF5 file (no HDF5 signature in its ${bytes.length} bytes).`);
  }
  const corrupt = findCorruptGlobalHeap(bytes);
  if (corrupt !== null) throw new KerasFileError(`${description}: ${corrupt}`);
  const library = await loadHdf5();
  const fileSystem = library.FS!;
  const name = temporaryName();
  let file: Hdf5File | null = null;
  try {
    fileSystem.writeFile(name, bytes);
    diagnostics = '';
    file = new library.File(name, 'r');
    if (typeof file.file_id !== 'bigint' || file.file_id < 0n) {
      file = null;
      throw new KerasFileError(`${description}: HDF5 could not open it; the file is truncated or corrupt${withDetail(takeDiagnostics())}.`);
    }
    return read(file, library);
  } catch (error) {
    throw asFileError(error, description);
  } finally {
    closeQuietly(file);
    unlinkQuietly(fileSystem, name);
  }
}

/** Creates a new HDF5 file, lets `write` fill it, and returns its bytes. */
export async function writeHdf5Bytes(description: string, write: (file: Hdf5File, library: Hdf5Library) => void): Promise<Uint8Array> {
  const library = await loadHdf5();
  const fileSystem = library.FS!;
  const name = temporaryName();
  let file: Hdf5File | null = null;
  try {
    file = new library.File(name, 'w');
    write(file, library);
    file.close();
    file = null;
    // Copy out of the wasm heap view before the file is deleted.
    return new Uint8Array(fileSystem.readFile(name));
  } catch (error) {
    if (error instanceof KerasFileError) throw error;
    throw new KerasFileError(`${description}: HDF5 could not write it: ${messageOf(error)}${withDetail(takeDiagnostics())}.`);
  } finally {
    closeQuietly(file);
    unlinkQuietly(fileSystem, name);
  }
}

function withDetail(detail: string): string {
  return detail ? ` (HDF5: ${detail})` : '';
}

function closeQuietly(file: Hdf5File | null): void {
  if (file === null) return;
  try {
    file.close();
  } catch {
    // Closing a file whose read failed may fail again; the handle is gone either way.
  }
}

function unlinkQuietly(fileSystem: any, name: string): void {
  try {
    fileSystem.unlink(name);
  } catch {
    // The file was never written (e.g. out of memory); nothing to delete.
  }
}
