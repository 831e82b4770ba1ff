import { inflateSync } from 'fflate';
import { checkZipMemberBudget } from '../budget';
import { KerasFileBudgetError, KerasFileError, type ReadLimits } from '../types';
import { crc32 } from './crc32';

/**
 * A zip reader that trusts nothing it reads. We parse the central directory
 * ourselves instead of calling fflate's unzipSync so that every declared
 * size, name and offset is checked before a single byte is inflated, and
 * inflation is bounded by the declared size (Keras 3.15.1's zip-bomb guard
 * compares declared and stored sizes the same way).
 */
export interface ZipMember {
  name: string;
  bytes: Uint8Array;
}

/** A zip whose directory has been checked; members are inflated one at a time, on request. */
export interface ZipDirectory {
  /** The members (folders left out), in directory order, with their declared sizes. */
  entries: ZipEntry[];
  /** Inflates one member; its declared size was checked against the read budget when the directory was read. */
  extract(entry: ZipEntry): Uint8Array;
}

export interface ZipEntry {
  name: string;
  /** Bytes it declares it inflates to. */
  uncompressedSize: number;
  /** Bytes it occupies in the archive. */
  compressedSize: number;
  /** Where its data starts in the archive. */
  dataOffset: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** Deflate cannot expand data by more than about 1032:1; a larger declared ratio is a lie. */
const MAX_DEFLATE_RATIO = 1032;

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

export function hasZipSignature(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

interface DirectoryEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Every member, inflated. */
export function readZip(bytes: Uint8Array, description: string, limits: ReadLimits): ZipMember[] {
  const directory = openZip(bytes, description, limits);
  return directory.entries.map((entry) => ({ name: entry.name, bytes: directory.extract(entry) }));
}

/**
 * Reads and checks the central directory, without inflating anything: names
 * (zip-slip), methods, declared sizes against the stored sizes and the read
 * budget (checkZipMemberBudget), so a bomb is refused before any allocation.
 */
export function openZip(bytes: Uint8Array, description: string, limits: ReadLimits): ZipDirectory {
  const fail = (message: string): never => {
    throw new KerasFileError(`${description}: ${message}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endOffset = findEndOfCentralDirectory(view);
  if (endOffset < 0) fail('not a complete zip archive (no end-of-central-directory record; truncated?).');
  const diskNumber = view.getUint16(endOffset + 4, true);
  const entryCount = view.getUint16(endOffset + 10, true);
  const directorySize = view.getUint32(endOffset + 12, true);
  const directoryOffset = view.getUint32(endOffset + 16, true);
  if (diskNumber !== 0) fail('multi-disk zip archives are not supported.');
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) fail('ZIP64 archives are not supported.');
  if (entryCount > limits.maxEntries) fail(`it has ${entryCount} members, more than the limit of ${limits.maxEntries}.`);
  if (directoryOffset + directorySize > endOffset) fail('its central directory lies outside the archive (truncated or corrupt).');

  const entries: DirectoryEntry[] = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  let cursor = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (cursor + 46 > endOffset || view.getUint32(cursor, true) !== CENTRAL_DIRECTORY_HEADER) fail(`central directory entry ${index} is corrupt.`);
    const flags = view.getUint16(cursor + 8, true);
    const method = view.getUint16(cursor + 10, true);
    const nameLength = view.getUint16(cursor + 28, true);
    const extraLength = view.getUint16(cursor + 30, true);
    const commentLength = view.getUint16(cursor + 32, true);
    if (cursor + 46 + nameLength > endOffset) fail(`central directory entry ${index} is truncated.`);
    const name = new TextDecoder().decode(bytes.subarray(cursor + 46, cursor + 46 + nameLength));
    const entry: DirectoryEntry = {
      name,
      method,
      crc: view.getUint32(cursor + 16, true),
      compressedSize: view.getUint32(cursor + 20, true),
      uncompressedSize: view.getUint32(cursor + 24, true),
      localHeaderOffset: view.getUint32(cursor + 42, true),
    };
    checkName(name, fail);
    if (seen.has(name)) fail(`member ${JSON.stringify(name)} appears twice.`);
    seen.add(name);
    if (flags & 0x1) fail(`member ${JSON.stringify(name)} is encrypted.`);
    if (method !== STORED && method !== DEFLATED) fail(`member ${JSON.stringify(name)} uses compression method ${method}; only stored and deflate are supported.`);
    if (method === STORED && entry.compressedSize !== entry.uncompressedSize) fail(`stored member ${JSON.stringify(name)} declares ${entry.uncompressedSize} bytes but stores ${entry.compressedSize}.`);
    if (entry.uncompressedSize > Math.max(entry.compressedSize, 1) * MAX_DEFLATE_RATIO) {
      fail(`member ${JSON.stringify(name)} declares ${entry.uncompressedSize} bytes from ${entry.compressedSize} compressed bytes, a ratio deflate cannot produce.`);
    }
    declaredTotal += entry.uncompressedSize;
    if (declaredTotal > limits.maxUncompressedBytes) {
      throw new KerasFileBudgetError(`${description}: it expands to more than the limit of ${limits.maxUncompressedBytes} bytes (maxUncompressedBytes): ${declaredTotal} bytes declared by the members up to ${JSON.stringify(name)}.`);
    }
    checkZipMemberBudget(name, entry.uncompressedSize, entry.compressedSize, limits, description);
    entries.push(entry);
    cursor += 46 + nameLength + extraLength + commentLength;
  }

  const members = entries.filter((entry) => !entry.name.endsWith('/'));
  const located = new Map<ZipEntry, DirectoryEntry>();
  const listed = members.map((entry) => {
    const listedEntry: ZipEntry = { name: entry.name, uncompressedSize: entry.uncompressedSize, compressedSize: entry.compressedSize, dataOffset: dataStartOf(view, entry, directoryOffset, fail) };
    located.set(listedEntry, entry);
    return listedEntry;
  });
  return {
    entries: listed,
    extract(entry: ZipEntry): Uint8Array {
      const found = located.get(entry);
      if (found === undefined) throw new KerasFileError(`${description}: no member ${JSON.stringify(entry.name)} in this archive.`);
      return extract(bytes, found, entry.dataOffset, directoryOffset, fail);
    },
  };
}

function dataStartOf(view: DataView, entry: DirectoryEntry, directoryOffset: number, fail: (message: string) => never): number {
  const offset = entry.localHeaderOffset;
  if (offset + 30 > directoryOffset || view.getUint32(offset, true) !== LOCAL_FILE_HEADER) fail(`member ${JSON.stringify(entry.name)} has no valid local header.`);
  const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  if (dataStart + entry.compressedSize > directoryOffset) fail(`member ${JSON.stringify(entry.name)} runs past the end of the archive's data (truncated or corrupt).`);
  return dataStart;
}

/** Whether an end-of-central-directory record sits in the last 64 KiB, as Python's zipfile.is_zipfile checks. */
export function hasZipEndRecord(bytes: Uint8Array): boolean {
  if (bytes.length < 22) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = findEndOfCentralDirectory(view);
  // A real record's comment runs exactly to the end of the file; four matching bytes in weights data do not.
  return offset >= 0 && offset + 22 + view.getUint16(offset + 20, true) === bytes.length;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes.
  const lowest = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  return -1;
}

/** Zip-slip: a member must be a relative path that stays inside the archive's folder. */
function checkName(name: string, fail: (message: string) => never): void {
  const shown = JSON.stringify(name);
  if (name.length === 0 || name.includes('\0')) fail(`a member has an empty or NUL-containing name ${shown}.`);
  if (/^[/\\]/.test(name) || /^[a-zA-Z]:/.test(name)) fail(`member ${shown} has an absolute path.`);
  if (name.split(/[/\\]/).some((part) => part === '..')) fail(`member ${shown} climbs out of the archive with "..".`);
}

function extract(bytes: Uint8Array, entry: DirectoryEntry, dataStart: number, directoryOffset: number, fail: (message: string) => never): Uint8Array {
  const shown = JSON.stringify(entry.name);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directoryOffset) fail(`member ${shown} runs past the end of the archive's data (truncated or corrupt).`);
  const stored = bytes.subarray(dataStart, dataEnd);
  let content: Uint8Array;
  if (entry.method === STORED) {
    content = stored.slice();
  } else {
    // One spare byte reveals a stream that inflates past its declared size; fflate stops at the buffer's end.
    const output = new Uint8Array(entry.uncompressedSize + 1);
    try {
      content = inflateSync(stored, { out: output });
    } catch (error) {
      return fail(`member ${shown} is not valid deflate data: ${(error as Error).message}.`);
    }
    if (content.length !== entry.uncompressedSize) fail(`member ${shown} inflates to ${content.length > entry.uncompressedSize ? 'more' : 'fewer'} bytes than the ${entry.uncompressedSize} it declares.`);
  }
  if (crc32(content) !== entry.crc) fail(`member ${shown} fails its CRC-32 check (corrupt).`);
  return content;
}
