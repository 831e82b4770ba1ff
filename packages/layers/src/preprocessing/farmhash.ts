/**
 * FarmHash's Fingerprint64 (farmhashna::Hash64), the hash of TensorFlow's
 * `tf.strings.to_hash_bucket_fast`, which Keras uses to spread string OOV
 * tokens over several OOV indices. 64-bit arithmetic in BigInt.
 */
const MASK = (1n << 64n) - 1n;
const K0 = 0xc3a5c85c97cb3127n;
const K1 = 0xb492b66fbe98f273n;
const K2 = 0x9ae16a3b2f90404fn;

const u64 = (x: bigint) => x & MASK;
const mul = (a: bigint, b: bigint) => (a * b) & MASK;
const add = (...xs: bigint[]) => xs.reduce((a, b) => a + b, 0n) & MASK;
const rotate = (v: bigint, shift: bigint) => (shift === 0n ? v : u64((v >> shift) | (v << (64n - shift))));
const shiftMix = (v: bigint) => v ^ (v >> 47n);

function fetch64(s: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(s[i + k]);
  return v;
}

function fetch32(s: Uint8Array, i: number): bigint {
  return BigInt((s[i] | (s[i + 1] << 8) | (s[i + 2] << 16) | (s[i + 3] << 24)) >>> 0);
}

function hashLen16(u: bigint, v: bigint, m: bigint): bigint {
  let a = mul(u ^ v, m);
  a ^= a >> 47n;
  let b = mul(v ^ a, m);
  b ^= b >> 47n;
  return mul(b, m);
}

function hashLen0to16(s: Uint8Array, len: number): bigint {
  const length = BigInt(len);
  if (len >= 8) {
    const m = add(K2, length * 2n);
    const a = add(fetch64(s, 0), K2);
    const b = fetch64(s, len - 8);
    const c = add(mul(rotate(b, 37n), m), a);
    const d = mul(add(rotate(a, 25n), b), m);
    return hashLen16(c, d, m);
  }
  if (len >= 4) {
    const m = add(K2, length * 2n);
    const a = fetch32(s, 0);
    return hashLen16(add(length, a << 3n), fetch32(s, len - 4), m);
  }
  if (len > 0) {
    const y = BigInt(s[0] + (s[len >> 1] << 8));
    const z = BigInt(len + (s[len - 1] << 2));
    return mul(shiftMix(mul(y, K2) ^ mul(z, K0)), K2);
  }
  return K2;
}

function hashLen17to32(s: Uint8Array, len: number): bigint {
  const m = add(K2, BigInt(len) * 2n);
  const a = mul(fetch64(s, 0), K1);
  const b = fetch64(s, 8);
  const c = mul(fetch64(s, len - 8), m);
  const d = mul(fetch64(s, len - 16), K2);
  return hashLen16(add(rotate(add(a, b), 43n), rotate(c, 30n), d), add(a, rotate(add(b, K2), 18n), c), m);
}

function hashLen33to64(s: Uint8Array, len: number): bigint {
  const m = add(K2, BigInt(len) * 2n);
  const a = mul(fetch64(s, 0), K2);
  const b = fetch64(s, 8);
  const c = mul(fetch64(s, len - 8), m);
  const d = mul(fetch64(s, len - 16), K2);
  const y = add(rotate(add(a, b), 43n), rotate(c, 30n), d);
  const z = hashLen16(y, add(a, rotate(add(b, K2), 18n), c), m);
  const e = mul(fetch64(s, 16), m);
  const f = fetch64(s, 24);
  const g = mul(add(y, fetch64(s, len - 32)), m);
  const h = mul(add(z, fetch64(s, len - 24)), m);
  return hashLen16(add(rotate(add(e, f), 43n), rotate(g, 30n), h), add(e, rotate(add(f, a), 18n), g), m);
}

function weakHashLen32WithSeeds(s: Uint8Array, i: number, seedA: bigint, seedB: bigint): [bigint, bigint] {
  const w = fetch64(s, i);
  const x = fetch64(s, i + 8);
  const y = fetch64(s, i + 16);
  const z = fetch64(s, i + 24);
  let a = add(seedA, w);
  let b = rotate(add(seedB, a, z), 21n);
  const c = a;
  a = add(a, x, y);
  b = add(b, rotate(a, 44n));
  return [add(a, z), add(b, c)];
}

/** Fingerprint64 of `bytes`, as an unsigned 64-bit BigInt. */
export function fingerprint64(s: Uint8Array): bigint {
  const len = s.length;
  if (len <= 16) return hashLen0to16(s, len);
  if (len <= 32) return hashLen17to32(s, len);
  if (len <= 64) return hashLen33to64(s, len);
  const seed = 81n;
  let x = seed;
  let y = add(mul(seed, K1), 113n);
  let z = mul(shiftMix(add(mul(y, K2), 113n)), K2);
  let v: [bigint, bigint] = [0n, 0n];
  let w: [bigint, bigint] = [0n, 0n];
  x = add(mul(x, K2), fetch64(s, 0));
  const end = Math.floor((len - 1) / 64) * 64;
  const last64 = end + ((len - 1) & 63) - 63;
  let i = 0;
  do {
    x = mul(rotate(add(x, y, v[0], fetch64(s, i + 8)), 37n), K1);
    y = mul(rotate(add(y, v[1], fetch64(s, i + 48)), 42n), K1);
    x ^= w[1];
    y = add(y, v[0], fetch64(s, i + 40));
    z = mul(rotate(add(z, w[0]), 33n), K1);
    v = weakHashLen32WithSeeds(s, i, mul(v[1], K1), add(x, w[0]));
    w = weakHashLen32WithSeeds(s, i + 32, add(z, w[1]), add(y, fetch64(s, i + 16)));
    [z, x] = [x, z];
    i += 64;
  } while (i !== end);
  const m = add(K1, (z & 0xffn) << 1n);
  i = last64;
  w[0] = add(w[0], BigInt((len - 1) & 63));
  v[0] = add(v[0], w[0]);
  w[0] = add(w[0], v[0]);
  x = mul(rotate(add(x, y, v[0], fetch64(s, i + 8)), 37n), m);
  y = mul(rotate(add(y, v[1], fetch64(s, i + 48)), 42n), m);
  x ^= mul(w[1], 9n);
  y = add(y, mul(v[0], 9n), fetch64(s, i + 40));
  z = mul(rotate(add(z, w[0]), 33n), m);
  v = weakHashLen32WithSeeds(s, i, mul(v[1], m), add(x, w[0]));
  w = weakHashLen32WithSeeds(s, i + 32, add(z, w[1]), add(y, fetch64(s, i + 16)));
  [z, x] = [x, z];
  return hashLen16(add(hashLen16(v[0], w[0], m), mul(shiftMix(y), K0), z), add(hashLen16(v[1], w[1], m), x), m);
}

/**
 * TensorFlow's FingerprintCat64 (tensorflow/core/platform/fingerprint.h): combines two
 * fingerprints; `tf.sparse.cross_hashed` (Keras's HashedCrossing) folds each feature's hash into one with it.
 */
export function fingerprintCat64(first: bigint, second: bigint): bigint {
  const kMul = 0xc6a4a7935bd1e995n;
  let result = first ^ kMul;
  result ^= mul(shiftMix(mul(second, kMul)), kMul);
  result = mul(result, kMul);
  result = mul(shiftMix(result), kMul);
  return shiftMix(result);
}
