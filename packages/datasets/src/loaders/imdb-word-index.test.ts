import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatasetFile, readDatasetFile } from '../files/locate';
import { isolatedFolderPerTest } from '../test-support/helpers';
import * as imdb from './imdb';
import { IMDB_WORD_INDEX_FILE } from './known-files';

// A word index in the layout of Keras's imdb_word_index.json (the real file maps 88,584 words).
const wordIndexJson = '{"fawn": 34701, "the": 1, "and": 2, "a": 3, "of": 4, "constructor": 40, "__proto__": 41}';
const md5 = (text: string | Uint8Array) => createHash('md5').update(text).digest('hex');

const folder = isolatedFolderPerTest();
let server: Server;
let origin: string;

beforeAll(async () => {
  // Stands in for Keras's address; it serves this test's file, whose MD5 is not the published one.
  server = createServer((request, response) => {
    response.writeHead(request.url === '/imdb_word_index.json' ? 200 : 404);
    response.end(request.url === '/imdb_word_index.json' ? wordIndexJson : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('imdb.getWordIndex', () => {
  it("reads Keras's imdb_word_index.json from a path, a word to its raw index, with no prototype keys", async () => {
    const path = join(folder.path, 'imdb_word_index.json');
    writeFileSync(path, wordIndexJson);
    for (const options of [{ path }, { path: folder.path }]) {
      const wordIndex = await imdb.getWordIndex(options);
      expect(wordIndex.the).toBe(1);
      expect(wordIndex.fawn).toBe(34701);
      expect(Object.keys(wordIndex)).toHaveLength(7);
      // Words that are also property names of plain objects are just words here.
      expect(wordIndex.constructor).toBe(40);
      expect(Object.getOwnPropertyDescriptor(wordIndex, '__proto__')?.value).toBe(41);
      expect(wordIndex.toString).toBeUndefined();
    }
    // Keras's decoding recipe: loaded indices are the raw ones plus indexFrom (3).
    const wordIndex = await imdb.getWordIndex({ path });
    const inverted = new Map(Object.entries(wordIndex).map(([word, index]) => [index + 3, word]));
    expect([4, 5, 7].map((index) => inverted.get(index))).toEqual(['the', 'and', 'of']);
  });

  it('refuses files that are not a word index, saying what is wrong', async () => {
    const path = join(folder.path, 'imdb_word_index.json');
    writeFileSync(path, wordIndexJson.slice(0, 30));
    await expect(imdb.getWordIndex({ path })).rejects.toThrow(/imdb_word_index.json is not valid JSON .*; it may be truncated/);
    writeFileSync(path, '[1, 2]');
    await expect(imdb.getWordIndex({ path })).rejects.toThrow('should hold a JSON object mapping words to indices, found an array');
    writeFileSync(path, '{"the": 1, "and": 2.5}');
    await expect(imdb.getWordIndex({ path })).rejects.toThrow("the index of 'and' is 2.5; expected a positive integer");
  });

  it('checks a copy found in the search folders against the MD5 Keras publishes', async () => {
    expect(IMDB_WORD_INDEX_FILE.md5).toBe('bfafd718b763782e994055a2d397834f');
    mkdirSync(join(folder.path, 'shared', 'imdb'), { recursive: true });
    writeFileSync(join(folder.path, 'shared', 'imdb', 'imdb_word_index.json'), wordIndexJson);
    process.env.STRATA_DATASETS_DIR = join(folder.path, 'shared');
    await expect(imdb.getWordIndex({ cacheDir: join(folder.path, 'cache'), baseUrl: origin })).rejects.toThrow(
      /imdb_word_index\.json does not have the expected MD5 \(file bfafd718b763782e994055a2d397834f\)/,
    );
  });

  it('refuses a download whose MD5 is not the published one, leaving nothing in the cache', async () => {
    const cache = join(folder.path, 'cache');
    await expect(imdb.getWordIndex({ cacheDir: cache, baseUrl: origin })).rejects.toThrow(
      new RegExp(`has MD5 ${md5(wordIndexJson)}, expected bfafd718b763782e994055a2d397834f; it was discarded`),
    );
    expect(readdirSync(join(cache, 'datasets', 'imdb'))).toEqual([]);
  });

  it('finds and verifies a file described by an MD5 in the search folders and through a download (readDatasetFile)', async () => {
    const file: DatasetFile = { name: 'imdb_word_index.json', subdir: 'imdb', url: `${origin}/imdb_word_index.json`, md5: md5(wordIndexJson) };
    const cache = join(folder.path, 'cache');
    const downloaded = await readDatasetFile(file, { cacheDir: cache });
    expect(new TextDecoder().decode(downloaded)).toBe(wordIndexJson);
    expect(readdirSync(join(cache, 'datasets', 'imdb'))).toEqual(['imdb_word_index.json']);
    // Now found in the cache, checked, and read without the server.
    const fromCache = await readDatasetFile({ ...file, url: `${origin}/missing` }, { cacheDir: cache });
    expect(new TextDecoder().decode(fromCache)).toBe(wordIndexJson);
  });
});
