import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * BackupAndRestore across real process deaths: a training process is killed
 * with SIGKILL (no cleanup runs), and a new process resumes from the backup.
 * It runs the built package (dist/), so it is skipped until `tsup` has run.
 */
const here = dirname(fileURLToPath(import.meta.url));
const distIndex = join(here, '..', 'dist', 'index.js');
const child = join(here, 'test-support', 'resume-child.mjs');

function start(backupDir: string, epochs: number, delayMs: number): { process: ChildProcess; output: Promise<string>; text: () => string } {
  const process = spawn('node', [child, distIndex, backupDir, String(epochs), String(delayMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let errors = '';
  process.stdout!.on('data', (chunk) => {
    text += chunk;
  });
  process.stderr!.on('data', (chunk) => {
    errors += chunk;
  });
  const output = new Promise<string>((resolve, reject) => {
    process.on('close', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve(text) : reject(new Error(`child failed (${code}): ${errors}`))));
  });
  return { process, output, text: () => text };
}

describe.skipIf(!existsSync(distIndex))('BackupAndRestore with a killed process', () => {
  it('resumes after SIGKILL and ends with the weights of an uninterrupted run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'strata-backup-process-'));
    const backupDir = join(directory, 'backup');
    try {
      const reference = await start('-', 8, 0).output;
      const final = /weights (\[.*\]) iterations (\d+)/.exec(reference)!;

      const victim = start(backupDir, 8, 150);
      let killScheduled = false;
      victim.process.stdout!.on('data', () => {
        // Once two epochs are backed up, kill it mid-run (a backup write may be in flight), with no chance to clean up.
        if (!killScheduled && victim.text().includes('epoch 1 done')) {
          killScheduled = true;
          setTimeout(() => victim.process.kill('SIGKILL'), 100);
        }
      });
      const killedOutput = await victim.output;
      expect(killedOutput).not.toContain('weights');
      expect(await readdir(backupDir)).toContain('latest.backup');

      const resumed = await start(backupDir, 8, 0).output;
      const startEpoch = Number(/start (\d+)/.exec(resumed)![1]);
      expect(startEpoch).toBeGreaterThan(0);
      expect(resumed).not.toContain(`epoch ${startEpoch - 1} done`);
      const after = /weights (\[.*\]) iterations (\d+)/.exec(resumed)!;
      expect(after[2]).toBe(final[2]);
      expect(JSON.parse(after[1])).toEqual(JSON.parse(final[1]));
      expect(existsSync(backupDir) ? await readdir(backupDir) : 'deleted', resumed).toBe('deleted');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
