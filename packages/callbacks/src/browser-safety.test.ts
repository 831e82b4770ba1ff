import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The callbacks a browser needs must not pull in Node modules, not even
 * through a helper: this follows their relative imports and checks every
 * module reached. (File-writing callbacks import node: lazily, inside
 * functions, which a static `from 'node:...'` check would not see anyway.)
 */
const sourceDirectory = dirname(fileURLToPath(import.meta.url));
const browserModules = [
  'callback',
  'callback-list',
  'history',
  'progbar-logger',
  'early-stopping',
  'reduce-lr-on-plateau',
  'learning-rate-scheduler',
  'terminate-on-nan',
  'lambda-callback',
  'swap-ema-weights',
  'interactive-logging',
];

function reachable(module: string, seen = new Set<string>()): Set<string> {
  if (seen.has(module)) return seen;
  seen.add(module);
  const source = readFileSync(join(sourceDirectory, `${module}.ts`), 'utf8');
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)) {
    reachable(join(dirname(module), match[1]), seen);
  }
  return seen;
}

describe('browser safety', () => {
  it('follows imports through helpers', () => {
    expect(reachable('callback-list')).toEqual(new Set(['callback-list', 'callback', 'history', 'output', 'interactive-logging', 'progbar-logger', 'progbar', 'python-format']));
  });

  it.each(browserModules)('%s reaches no node: module', (module) => {
    for (const reached of reachable(module)) {
      const source = readFileSync(join(sourceDirectory, `${reached}.ts`), 'utf8');
      expect(source, `${reached}.ts, reached from ${module}.ts`).not.toMatch(/['"]node:|from '(fs|path|os)'/);
    }
  });
});
