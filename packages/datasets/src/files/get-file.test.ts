import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../test-support/helpers';
import { FASHION_MNIST_FILES } from '../loaders/known-files';
import { getFile } from './get-file';
import { readDatasetFile } from './locate';

const payload = new TextEncoder().encode('x,y\n1,2\n'.repeat(5000));
const payloadSha256 = createHash('sha256').update(payload).digest('hex');
let server: Server;
let origin: string;
let requests = 0;
const shared = process.env.STRATA_DATASETS_DIR;

beforeAll(async () => {
  // A local server on a random port of 127.0.0.1 stands in for the canonical address.
  server = createServer((request, response) => {
    requests++;
    if (request.url?.startsWith('/mirror/') && shared) {
      response.writeHead(200);
      response.end(readFileSync(join(shared, 'fashion-mnist', request.url.slice('/mirror/'.length))));
    } else if (request.url === '/data.csv') {
      response.writeHead(200, { 'content-type': 'text/csv' });
      response.end(payload);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('getFile', () => {
  it('downloads, verifies the SHA-256, caches, and reuses the cached file', async () => {
    const cache = temporaryFolder();
    try {
      const before = requests;
      const path = await getFile('data.csv', `${origin}/data.csv`, { sha256: payloadSha256, cacheDir: cache.path, timeoutMs: 10_000 });
      expect(path).toBe(join(cache.path, 'datasets', 'data.csv'));
      expect(new Uint8Array(readFileSync(path))).toEqual(payload);
      await getFile('data.csv', `${origin}/data.csv`, { sha256: payloadSha256, cacheDir: cache.path });
      expect(requests - before).toBe(1);
      expect(readdirSync(join(cache.path, 'datasets'))).toEqual(['data.csv']);
    } finally {
      cache.remove();
    }
  });

  it('refuses a download with the wrong checksum and leaves nothing in the cache', async () => {
    const cache = temporaryFolder();
    try {
      const wrong = '0'.repeat(64);
      await expect(
        getFile('data.csv', `${origin}/data.csv`, { sha256: wrong, cacheDir: cache.path, cacheSubdir: 'sub', timeoutMs: 10_000 }),
      ).rejects.toThrow(new RegExp(`has SHA-256 ${payloadSha256}, expected ${wrong}; it was discarded`));
      expect(readdirSync(join(cache.path, 'sub'))).toEqual([]);
      await expect(getFile('gone.csv', `${origin}/gone.csv`, { cacheDir: cache.path, timeoutMs: 10_000 })).rejects.toThrow(
        /the server answered 404/,
      );
      expect(existsSync(join(cache.path, 'datasets', 'gone.csv'))).toBe(false);
      expect(readdirSync(join(cache.path, 'datasets'))).toEqual([]);
    } finally {
      cache.remove();
    }
  });

  it("verifies an MD5 when that is all the publisher gives (Keras's file_hash of either kind)", async () => {
    const cache = temporaryFolder();
    try {
      const payloadMd5 = createHash('md5').update(payload).digest('hex');
      const path = await getFile('data.csv', `${origin}/data.csv`, { md5: payloadMd5, cacheDir: cache.path, timeoutMs: 10_000 });
      expect(new Uint8Array(readFileSync(path))).toEqual(payload);
      const wrong = 'f'.repeat(32);
      await expect(
        getFile('data.csv', `${origin}/data.csv`, { md5: wrong, cacheDir: cache.path, cacheSubdir: 'sub', timeoutMs: 10_000 }),
      ).rejects.toThrow(new RegExp(`has MD5 ${payloadMd5}, expected ${wrong}; it was discarded`));
      expect(readdirSync(join(cache.path, 'sub'))).toEqual([]);
    } finally {
      cache.remove();
    }
  });
});

describe('readDatasetFile', () => {
  it('downloads a data set file missing locally into the cache after checking its published SHA-256', async (context) => {
    if (!shared) return context.skip('STRATA_DATASETS_DIR is not set, so there is no canonical file to serve');
    const cache = temporaryFolder();
    try {
      delete process.env.STRATA_DATASETS_DIR;
      const labels = await readDatasetFile(FASHION_MNIST_FILES.testLabels, { cacheDir: cache.path, baseUrl: `${origin}/mirror` });
      expect(labels.length).toBe(10008);
      expect(readdirSync(join(cache.path, 'datasets', 'fashion-mnist'))).toEqual(['t10k-labels-idx1-ubyte.gz']);
    } finally {
      process.env.STRATA_DATASETS_DIR = shared;
      cache.remove();
    }
  });
});
