import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * BackupAndRestore on a real Strata model across a real process death: a
 * process training a Sequential with Adam through `fit` is killed with SIGKILL
 * in the middle of an epoch (no cleanup runs), and a new process resumes from
 * the backup. The child runs in plain Node on the built packages that
 * @strata/keras depends on (CI builds them before the tests: `test` depends on
 * `^build`), so the test is skipped until they are built.
 */
const here = dirname(fileURLToPath(import.meta.url));
const child = join(here, 'test-support', 'backup-child.mjs');
const dependencies = ['backend', 'callbacks', 'layers', 'models', 'optimizers'];
const built = dependencies.every((name) => existsSync(join(here, '..', '..', name, 'dist', 'index.js')));

interface Result {
  weights: number[][];
  optimizer: number[][];
  iterations: number;
}

interface Run {
  process: ChildProcess;
  /** Resolves with the whole output when the process exits (normally or by SIGKILL). */
  output: Promise<string>;
  text(): string;
}

function start(backupDir: string, epochs: number, msPerBatch: number): Run {
  const process = spawn('node', [child, backupDir, String(epochs), String(msPerBatch)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  let errors = '';
  process.stdout!.on('data', (chunk) => {
    text += chunk;
  });
  process.stderr!.on('data', (chunk) => {
    errors += chunk;
  });
  const output = new Promise<string>((resolve, reject) => {
    process.on('close', (code, signal) =>
      code === 0 || signal === 'SIGKILL' ? resolve(text) : reject(new Error(`the training process failed (exit ${code}): ${errors}`)),
    );
  });
  return { process, output, text: () => text };
}

function resultOf(output: string): Result {
  const line = /^result (.*)$/m.exec(output);
  if (!line) throw new Error(`The training process printed no result:\n${output}`);
  return JSON.parse(line[1]) as Result;
}

describe.skipIf(!built)('BackupAndRestore on a real model, with a killed process', () => {
  it('resumes after SIGKILL mid-epoch with the epoch, weights, Adam moments and iterations of an uninterrupted run', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'strata-keras-backup-'));
    const backupDir = join(directory, 'backup');
    const epochs = 5;
    const batchesPerEpoch = 6; // 48 rows, batch size 8
    try {
      const reference = resultOf(await start('-', epochs, 0).output);
      expect(reference.iterations).toBe(epochs * batchesPerEpoch);

      // Killed at the second batch of epoch 2 (0-based): epochs 0 and 1 are backed up, epoch 2 is half done.
      const victim = start(backupDir, epochs, 40);
      victim.process.stdout!.on('data', () => {
        if (victim.text().includes(`batch ${2 * batchesPerEpoch + 2} 1\n`)) victim.process.kill('SIGKILL');
      });
      const killed = await victim.output;
      expect(killed).not.toContain('result');
      const lastEnded = Math.max(...[...killed.matchAll(/^epoch (\d+) end$/gm)].map((match) => Number(match[1])));
      const lastBatch = [...killed.matchAll(/^batch (\d+) (\d+)$/gm)].at(-1)!;
      // The process died inside an epoch: batches ran after the last finished epoch.
      expect(Number(lastBatch[1])).toBeGreaterThan((lastEnded + 1) * batchesPerEpoch);
      expect(await readdir(backupDir)).toContain('latest.backup');

      const resumedOutput = await start(backupDir, epochs, 0).output;
      // It starts from the first epoch that had not finished, and runs only the epochs left.
      expect(/^start (\d+)$/m.exec(resumedOutput)![1]).toBe(String(lastEnded + 1));
      expect(resumedOutput.match(/^epoch \d+ end$/gm)).toHaveLength(epochs - lastEnded - 1);
      const resumed = resultOf(resumedOutput);
      expect(resumed.iterations).toBe(reference.iterations);
      expect(resumed.optimizer).toEqual(reference.optimizer);
      expect(resumed.weights).toEqual(reference.weights);
      // fit completed, so the backup is gone.
      expect(existsSync(join(backupDir, 'latest.backup'))).toBe(false);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
