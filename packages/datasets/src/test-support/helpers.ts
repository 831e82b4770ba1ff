import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeEach } from 'vitest';

/** A fresh temporary folder, removed by the returned cleanup. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'strata-datasets-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * Gives each test of the calling file a fresh temporary folder and no
 * STRATA_DATASETS_DIR, so that no test reaches the real cache or the network;
 * the variable is restored after each test. Call it at the top of a test file.
 */
export function isolatedFolderPerTest(): { readonly path: string } {
  let folder: ReturnType<typeof temporaryFolder> | undefined;
  const savedDatasetsDir = process.env.STRATA_DATASETS_DIR;
  beforeEach(() => {
    folder = temporaryFolder();
    delete process.env.STRATA_DATASETS_DIR;
  });
  afterEach(() => {
    folder?.remove();
    folder = undefined;
    if (savedDatasetsDir === undefined) delete process.env.STRATA_DATASETS_DIR;
    else process.env.STRATA_DATASETS_DIR = savedDatasetsDir;
  });
  return {
    get path() {
      if (!folder) throw new Error('isolatedFolderPerTest: the folder exists only while a test runs.');
      return folder.path;
    },
  };
}

/** A minimal ustar archive of regular files, for testing the tar reader. */
export function makeTar(files: Record<string, Uint8Array>): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, content] of Object.entries(files)) {
    const header = new Uint8Array(512);
    const write = (text: string, offset: number) => header.set(new TextEncoder().encode(text), offset);
    write(name, 0);
    write('0000644\0', 100);
    write('0000000\0', 108);
    write('0000000\0', 116);
    write(`${content.length.toString(8).padStart(11, '0')}\0`, 124);
    write('00000000000\0', 136);
    write('        ', 148);
    header[156] = 0x30;
    write('ustar\0', 257);
    write('00', 263);
    const sum = header.reduce((total, byte) => total + byte, 0);
    write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, content, new Uint8Array((512 - (content.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((total, block) => total + block.length, 0));
  let offset = 0;
  for (const block of blocks) {
    out.set(block, offset);
    offset += block.length;
  }
  return out;
}

/** Runs `body` and returns how many tensors it left allocated. */
export async function tensorsLeftBy(body: () => Promise<void>): Promise<number> {
  const before = tf.memory().numTensors;
  await body();
  return tf.memory().numTensors - before;
}
