/**
 * Reads the regular files of an uncompressed POSIX (ustar or GNU) tar archive,
 * enough for `cifar-10-python.tar.gz` after gunzip. Entries are views on the
 * archive's bytes, not copies.
 */
export function parseTar(bytes: Uint8Array, name = 'the tar archive'): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder('latin1');
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= bytes.length) {
    const header = bytes.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) return files; // two zero blocks end the archive
    const field = (start: number, length: number) =>
      decoder.decode(header.subarray(start, start + length)).replace(/\0.*$/s, '');
    const sizeText = field(124, 12).trim();
    const size = Number.parseInt(sizeText || '0', 8);
    if (!Number.isFinite(size) || !/^[0-7]*$/.test(sizeText)) {
      throw new Error(`${name} is not a valid tar archive: the entry at byte ${offset} has size field '${sizeText}'.`);
    }
    const storedSum = Number.parseInt(field(148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
    if (storedSum !== sum) throw new Error(`${name} is not a valid tar archive: bad header checksum at byte ${offset}.`);
    const type = String.fromCharCode(header[156] || 48);
    const prefix = field(345, 155);
    const entryName = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const start = offset + 512;
    if (start + size > bytes.length) {
      throw new Error(`${name} is truncated: entry '${entryName}' needs ${size} bytes, found ${bytes.length - start}.`);
    }
    const content = bytes.subarray(start, start + size);
    longName = undefined;
    if (type === 'L') longName = decoder.decode(content).replace(/\0.*$/s, '');
    else if (type === '0' || type === '7') files.set(entryName, content);
    offset = start + Math.ceil(size / 512) * 512;
  }
  if (offset === 0) throw new Error(`${name} is not a valid tar archive: it is shorter than one header block.`);
  throw new Error(`${name} is truncated: it ends at byte ${bytes.length} without the end-of-archive blocks.`);
}
