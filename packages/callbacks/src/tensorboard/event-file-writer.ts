import { nodeModules, writeFileAtomic } from '../node-files';
import { maskedCrc32c } from './crc32c';
import { fileVersionEvent } from './summary';

let writerCounter = 0;

/**
 * Writes one TensorBoard event file: TFRecord records (uint64 length, masked
 * CRC-32C of the length, the Event bytes, masked CRC-32C of the bytes), the
 * first holding the file version.
 *
 * Records gather in memory and `flush` rewrites the whole file through a
 * temporary file and a rename, so a crash never leaves half a record; the
 * files hold epoch scalars and histograms, small enough to rewrite.
 */
export class EventFileWriter {
  private readonly records: Uint8Array[] = [];
  private totalBytes = 0;
  private dirty = false;

  private constructor(readonly path: string) {}

  /** Names the file as TensorFlow does: `events.out.tfevents.<seconds>.<host>.<pid>.<counter>.v2`. */
  static async create(directory: string): Promise<EventFileWriter> {
    const { path } = await nodeModules();
    const os = await import(/* webpackIgnore: true */ 'node:os');
    const seconds = Math.floor(Date.now() / 1000);
    const pid = globalThis.process?.pid ?? 0;
    writerCounter += 1;
    const name = `events.out.tfevents.${seconds}.${os.hostname()}.${pid}.${writerCounter}.v2`;
    const writer = new EventFileWriter(path.join(directory, name));
    writer.add(fileVersionEvent(Date.now() / 1000));
    await writer.flush();
    return writer;
  }

  add(eventBytes: Uint8Array): void {
    const header = new Uint8Array(12);
    const view = new DataView(header.buffer);
    view.setBigUint64(0, BigInt(eventBytes.length), true);
    view.setUint32(8, maskedCrc32c(header.subarray(0, 8)), true);
    const footer = new Uint8Array(4);
    new DataView(footer.buffer).setUint32(0, maskedCrc32c(eventBytes), true);
    this.records.push(header, eventBytes, footer);
    this.totalBytes += header.length + eventBytes.length + footer.length;
    this.dirty = true;
  }

  async flush(): Promise<void> {
    if (!this.dirty) return;
    const content = new Uint8Array(this.totalBytes);
    let offset = 0;
    for (const record of this.records) {
      content.set(record, offset);
      offset += record.length;
    }
    this.dirty = false;
    await writeFileAtomic(this.path, content);
  }
}
