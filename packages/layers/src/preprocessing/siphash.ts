/**
 * SipHash-2-4 with a 128-bit key, the keyed hash of TensorFlow's
 * `tf.strings.to_hash_bucket_strong` (highwayhash's SipHash), which Keras's
 * `Hashing` uses when it is given a `salt`. 64-bit arithmetic in BigInt.
 */
const MASK = (1n << 64n) - 1n;
const rotl = (v: bigint, shift: bigint) => ((v << shift) | (v >> (64n - shift))) & MASK;

function readWord(bytes: Uint8Array, offset: number, length: number): bigint {
  let word = 0n;
  for (let k = length - 1; k >= 0; k--) word = (word << 8n) | BigInt(bytes[offset + k]);
  return word;
}

/** SipHash-2-4 of `bytes` under the key `[k0, k1]` (each an unsigned 64-bit integer), as an unsigned 64-bit BigInt. */
export function sipHash24(key: readonly [bigint, bigint], bytes: Uint8Array): bigint {
  const [k0, k1] = [key[0] & MASK, key[1] & MASK];
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & MASK;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & MASK;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const compress = (word: bigint) => {
    v3 ^= word;
    round();
    round();
    v0 ^= word;
  };
  const whole = bytes.length - (bytes.length % 8);
  for (let offset = 0; offset < whole; offset += 8) compress(readWord(bytes, offset, 8));
  // The last word: the remaining bytes, with the length's low byte on top.
  compress(readWord(bytes, whole, bytes.length - whole) | (BigInt(bytes.length & 0xff) << 56n));
  v2 ^= 0xffn;
  for (let i = 0; i < 4; i++) round();
  return v0 ^ v1 ^ v2 ^ v3;
}
