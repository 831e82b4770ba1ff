// Shared vitest settings: every package's tests resolve @strata/* to the
// sibling package's source, so a package can be tested alone without a build.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(root, 'packages');

function workspaceAliases(): Array<{ find: RegExp; replacement: string }> {
  const aliases: Array<{ find: RegExp; replacement: string }> = [];
  for (const dir of readdirSync(packagesDir)) {
    // Subpath exports map onto src/<subpath>.ts (for example @strata/ops/graph).
    aliases.push({ find: new RegExp(`^@strata/${dir}/(.+)$`), replacement: join(packagesDir, dir, 'src', '$1.ts') });
    aliases.push({ find: new RegExp(`^@strata/${dir}$`), replacement: join(packagesDir, dir, 'src', 'index.ts') });
  }
  return aliases;
}

export const goldenDir = process.env.STRATA_GOLDEN_DIR ?? join(root, '..', 'shared', 'keras-golden');

export function strataVitestConfig(extra: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    resolve: { alias: workspaceAliases() },
    test: {
      include: extra.include ?? ['src/**/*.test.ts'],
      exclude: ['**/*.browser.test.ts', '**/node_modules/**', '**/dist/**'],
      testTimeout: extra.testTimeout ?? 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      // The JSON report feeds the one-line summary that `pnpm test` prints at the end (scripts/test-summary.mjs).
      reporters: ['default', 'json'],
      outputFile: { json: 'test-results/vitest.json' },
      env: { STRATA_GOLDEN_DIR: goldenDir },
    },
  });
}
