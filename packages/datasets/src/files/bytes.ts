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
      const zlib = await import('node:zlib');
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
