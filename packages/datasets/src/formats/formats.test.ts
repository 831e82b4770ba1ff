import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip, sha256Hex } from '../files/bytes';
import { makeTar } from '../test-support/helpers';
import { CIFAR_BATCH_PROTOCOL_2_BASE64, CIFAR_BATCH_PROTOCOL_5_BASE64, fromBase64 } from '../test-support/python-files';
import { encodeIdx, parseIdx } from './idx';
import { asPickledArray, unpickle } from './pickle';
import { parseTar } from './tar';

describe('IDX', () => {
  const images = encodeIdx([2, 3, 3], Uint8Array.from({ length: 18 }, (_, i) => i * 10));

  it('reads the header and the data of a valid file', () => {
    expect(Array.from(images.subarray(0, 4))).toEqual([0, 0, 8, 3]);
    const parsed = parseIdx(images, 'images', 3);
    expect(parsed.shape).toEqual([2, 3, 3]);
    expect(parsed.data[17]).toBe(170);
  });

  it('refuses a wrong magic, a wrong type, a wrong rank, truncation and trailing bytes', () => {
    const badMagic = images.slice();
    badMagic[0] = 0x1f;
    expect(() => parseIdx(badMagic, 'images')).toThrow(/images is not an IDX file/);
    const floats = images.slice();
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'images')).toThrow(/data type 0x0d/);
    expect(() => parseIdx(images, 'labels', 1)).toThrow(/magic 0x00000803 \(3 dimensions\), expected 0x00000801/);
    expect(() => parseIdx(images.subarray(0, images.length - 1), 'images')).toThrow(/truncated: its dimensions \[2, 3, 3\] need 18 bytes of data, found 17/);
    expect(() => parseIdx(images.subarray(0, 10), 'images')).toThrow(/truncated inside its header/);
    const longer = new Uint8Array(images.length + 1);
    longer.set(images);
    expect(() => parseIdx(longer, 'images')).toThrow(/trailing bytes/);
  });

  it('gunzips, and refuses data that is not gzip or is cut short', async () => {
    const compressed = gzipSync(images);
    expect(await gunzip(compressed)).toEqual(images);
    await expect(gunzip(images, 'plain.gz')).rejects.toThrow(/plain.gz is not gzip data/);
    await expect(gunzip(compressed.subarray(0, 20), 'cut.gz')).rejects.toThrow(/cut.gz could not be decompressed/);
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('pickle', () => {
  for (const [protocol, text] of [[2, CIFAR_BATCH_PROTOCOL_2_BASE64], [5, CIFAR_BATCH_PROTOCOL_5_BASE64]] as const) {
    it(`reads a CIFAR batch dict written by Python at protocol ${protocol}`, () => {
      const batch = unpickle(fromBase64(text)) as Map<string, unknown>;
      expect(batch.get('labels')).toEqual([6]);
      expect(new TextDecoder().decode(batch.get('batch_label') as Uint8Array)).toBe('training batch 1 of 5');
      const data = asPickledArray(batch.get('data'), 'data');
      expect(data.dtype).toBe('|u1');
      expect(data.shape).toEqual([1, 3072]);
      expect((data.data as Uint8Array)[1]).toBe(7);
      expect((data.data as Uint8Array)[100]).toBe(700 % 256);
    });
  }

  it('reads Python 2 strings (SHORT_BINSTRING) as dict keys', () => {
    // pickle.dumps({'data': 5}, 2) under Python 2: \x80\x02 } q\x00 U\x04data q\x01 K\x05 s .
    const bytes = Uint8Array.from([0x80, 2, 0x7d, 0x71, 0, 0x55, 4, 100, 97, 116, 97, 0x71, 1, 0x4b, 5, 0x73, 0x2e]);
    expect(unpickle(bytes)).toEqual(new Map([['data', 5]]));
  });

  it('refuses truncated data, unknown opcodes and globals it will not build', () => {
    const bytes = fromBase64(CIFAR_BATCH_PROTOCOL_2_BASE64);
    expect(() => unpickle(bytes.subarray(0, 200), 'batch')).toThrow(/batch is truncated/);
    expect(() => unpickle(Uint8Array.from([0x80, 2, 0xff]), 'odd')).toThrow(/opcode 0xff/);
    const evil = new TextEncoder().encode("cos\nsystem\n(S'echo hi'\ntR.");
    expect(() => unpickle(evil, 'evil')).toThrow(/opcode 0x53|os.system/);
    const evilBinary = new TextEncoder().encode('cos\nsystem\n(X\u0002\u0000\u0000\u0000hitR.');
    expect(() => unpickle(evilBinary, 'evil')).toThrow(/refers to os.system, which this reader does not construct/);
  });
});

describe('tar', () => {
  it('lists regular files and refuses corrupted headers and truncation', () => {
    const archive = makeTar({ 'folder/a.bin': Uint8Array.from([1, 2, 3]), 'folder/b.bin': new Uint8Array(600).fill(9) });
    const files = parseTar(archive);
    expect([...files.keys()]).toEqual(['folder/a.bin', 'folder/b.bin']);
    expect(Array.from(files.get('folder/a.bin')!)).toEqual([1, 2, 3]);
    expect(files.get('folder/b.bin')!.length).toBe(600);
    const corrupted = archive.slice();
    corrupted[3] ^= 0xff;
    expect(() => parseTar(corrupted, 'x.tar')).toThrow(/bad header checksum/);
    expect(() => parseTar(archive.subarray(0, 1100), 'x.tar')).toThrow(/x.tar is truncated: it ends at byte 1100/);
    expect(() => parseTar(archive.subarray(0, 1600), 'x.tar')).toThrow(/truncated: entry 'folder\/b.bin' needs 600 bytes/);
  });
});
