import { KerasFileBudgetError, type ReadLimits } from './types';

/**
 * The read budget: before anything is allocated for a file, what the file
 * declares is compared with what its own bytes can back and with the read
 * limits. A refusal is a KerasFileBudgetError naming the member or dataset and
 * both sizes, and comes before the allocation, so a few-kilobyte file can never
 * make the reader take gigabytes.
 */

/** Whether a zip member may inflate to `declared` bytes from `stored` bytes; throws the refusal otherwise. */
export function checkZipMemberBudget(name: string, declared: number, stored: number, limits: ReadLimits, description: string): void {
  if (declared <= limits.expansionAllowanceBytes || declared <= stored * limits.maxExpansionRatio) return;
  throw new KerasFileBudgetError(
    `${description}: member ${JSON.stringify(name)} declares ${declared} bytes but stores only ${stored} bytes, an expansion of more than ${limits.maxExpansionRatio}:1 (maxExpansionRatio) beyond the first ${limits.expansionAllowanceBytes} bytes (expansionAllowanceBytes); refusing a likely decompression bomb.`,
  );
}

/** A member we inflate whole into memory (config.json, metadata.json) may not declare more than `limit` bytes. */
export function checkMemberSize(name: string, declared: number, limit: number, limitName: string, description: string): void {
  if (declared <= limit) return;
  throw new KerasFileBudgetError(`${description}: member ${JSON.stringify(name)} declares ${declared} bytes, more than the limit of ${limit} bytes (${limitName}).`);
}

/**
 * The datasets of one HDF5 file, counted as they are read. Uncompressed data
 * is stored once in the file, so all uncompressed datasets together cannot
 * hold more bytes than the file has: a file that names one dataset many times
 * (hard links, repeated weight names) or declares storage it never wrote is
 * refused. Compressed data may decode to `maxFilteredExpansion` times the
 * size of the file it came from (the `.keras` archive for its weights), all
 * together, and the decoded total never passes `maxDatasetBytes`.
 */
export class DatasetBudget {
  private contiguousBytes = 0;
  private filteredBytes = 0;
  private totalBytes = 0;

  constructor(
    private readonly fileLength: number,
    private readonly sourceLength: number,
    private readonly limits: ReadLimits,
    private readonly description: string,
  ) {}

  /** Counts a dataset of `bytes` decoded bytes before it is read; throws when the file cannot back it. */
  reserve(path: string, bytes: number, filtered: boolean): void {
    const fail = (message: string): never => {
      throw new KerasFileBudgetError(`${this.description}: dataset ${path} ${message}`);
    };
    if (!Number.isSafeInteger(bytes) || bytes < 0) fail(`declares ${bytes} bytes, which is not a size.`);
    if (filtered) {
      const allowed = Math.min(this.fileLength, this.sourceLength) * this.limits.maxFilteredExpansion;
      if (this.filteredBytes + bytes > allowed) {
        fail(
          `declares ${bytes} bytes of compressed data (${this.filteredBytes + bytes} with the compressed datasets before it), more than a ${this.sourceLength}-byte file can back: compressed datasets may decode to at most ${this.limits.maxFilteredExpansion} times the file's size (maxFilteredExpansion).`,
        );
      }
      this.filteredBytes += bytes;
    } else {
      if (this.contiguousBytes + bytes > this.fileLength) {
        const before = this.contiguousBytes === 0 ? '' : ` (${this.contiguousBytes + bytes} with the datasets read before it, so the file names some data more than once)`;
        fail(`declares ${bytes} bytes${before}, more than a ${this.fileLength}-byte file can hold.`);
      }
      this.contiguousBytes += bytes;
    }
    this.totalBytes += bytes;
    if (this.totalBytes > this.limits.maxDatasetBytes) {
      fail(`brings the file's datasets to ${this.totalBytes} bytes, more than the limit of ${this.limits.maxDatasetBytes} bytes (maxDatasetBytes).`);
    }
  }
}
