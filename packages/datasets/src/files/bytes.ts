import { gunzipSync as gunzipPortable } from 'fflate';

/** True in Node (and Bun/Deno's Node mode), where node:* modules can be imported. */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Hex SHA-256 via WebCrypto, which both Node 20 and browsers provide, so no node:crypto import. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * MD5 (hex), for the few files Keras publishes only an MD5 for (its `get_file`
 * takes `file_hash` of either kind). Node only: WebCrypto has no MD5.
 */
export async function md5Hex(bytes: Uint8Array): Promise<string> {
  const crypto = await import(/* webpackIgnore: true */ 'node:crypto');
  return crypto.createHash('md5').update(bytes).digest('hex');
}

export type HashAlgorithm = 'sha256' | 'md5';

/** The hash Keras publishes for a file: its SHA-256 where there is one, else its MD5. */
export function publishedHash(file: { sha256?: string; md5?: string }): { algorithm: HashAlgorithm; hex: string; label: string } | undefined {
  if (file.sha256 !== undefined) return { algorithm: 'sha256', hex: file.sha256.toLowerCase(), label: 'SHA-256' };
  if (file.md5 !== undefined) return { algorithm: 'md5', hex: file.md5.toLowerCase(), label: 'MD5' };
  return undefined;
}

export function hashHex(bytes: Uint8Array, algorithm: HashAlgorithm): Promise<string> {
  return algorithm === 'sha256' ? sha256Hex(bytes) : md5Hex(bytes);
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip data. Node's zlib is several times faster than fflate on
 * the 47 MB MNIST train images, so Node uses it (imported lazily, keeping it
 * out of browser bundles); browsers use fflate.
 */
export async function gunzip(bytes: Uint8Array, name = 'the gzip data'): Promise<Uint8Array> {
  if (!isGzip(bytes)) throw new Error(`${name} is not gzip data: it does not start with the gzip magic bytes 1f 8b.`);
  try {
    if (isNode()) {
      const zlib = await import(/* webpackIgnore: true */ 'node:zlib');
      const out = zlib.gunzipSync(bytes);
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    }
    return gunzipPortable(bytes);
  } catch (cause) {
    throw new Error(`${name} could not be decompressed (truncated or corrupted gzip data): ${(cause as Error).message}.`, {
      cause,
    });
  }
}
