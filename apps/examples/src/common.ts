/**
 * What every example shares: the number of epochs (the tutorial's, unless
 * STRATA_EPOCHS shortens the run), the backend (STRATA_BACKEND, default
 * wasm), and the folder where pictures and files go (STRATA_OUT, default
 * apps/examples/out).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@strata/keras';

/** The tutorial's epoch count, or STRATA_EPOCHS when set (for quick checks). */
export function epochsOr(tutorialEpochs: number): number {
  const fromEnvironment = process.env.STRATA_EPOCHS;
  if (fromEnvironment === undefined || fromEnvironment === '') return tutorialEpochs;
  const epochs = Number(fromEnvironment);
  if (!Number.isInteger(epochs) || epochs < 1) {
    throw new Error(`STRATA_EPOCHS must be a positive integer, received "${fromEnvironment}".`);
  }
  return epochs;
}

/** Starts the backend named by STRATA_BACKEND (default wasm, the fastest in Node). */
export async function startBackend(): Promise<void> {
  await useBackend((process.env.STRATA_BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm');
}

/** The output folder (created): STRATA_OUT, else `out/` in apps/examples, beside `dist/`. */
export function outDir(...parts: string[]): string {
  const base = process.env.STRATA_OUT ? resolve(process.env.STRATA_OUT) : join(dirname(fileURLToPath(import.meta.url)), '..', 'out');
  const folder = join(base, ...parts);
  mkdirSync(folder, { recursive: true });
  return folder;
}
