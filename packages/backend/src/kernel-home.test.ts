/**
 * @strata/backend is the one home of Strata's kernels: no other package
 * registers, looks up or runs a kernel by name, or checks which backend is
 * active. They call this package's typed ops, which choose. This test reads
 * every other package's source (tests and test support aside) and fails on
 * any such line, naming the file and the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));

/** Packages allowed to name kernels and backends: this one, and the test harness that starts backends. */
const exempt = new Set(['backend', 'testing']);

const forbidden: Array<{ what: string; pattern: RegExp }> = [
  { what: 'a kernel run, registered or looked up by name', pattern: /\b(runKernel|registerKernel|unregisterKernel|getKernel|getKernelsForBackend)\s*\(/ },
  { what: "a Strata kernel's name", pattern: /['"`]Strata[A-Z][A-Za-z0-9]*['"`]/ },
  { what: 'a backend-name check', pattern: /[!=]==?\s*['"`](cpu|wasm|webgpu|webgl)['"`]|['"`](cpu|wasm|webgpu|webgl)['"`]\s*[!=]==?/ },
  { what: 'a set or list of backend names', pattern: /\[\s*['"`](cpu|wasm|webgpu|webgl)['"`]\s*,/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' || name === 'node_modules' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function offences(): string[] {
  const found: string[] = [];
  for (const pkg of readdirSync(packagesDir)) {
    const src = join(packagesDir, pkg, 'src');
    if (exempt.has(pkg) || !statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
    for (const file of sourceFiles(src)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          const code = line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, '');
          for (const { what, pattern } of forbidden) {
            if (pattern.test(code)) found.push(`packages/${pkg}/src${file.slice(src.length)}:${index + 1}: ${what}: ${line.trim()}`);
          }
        });
    }
  }
  return found;
}

describe('the one home of kernels', () => {
  test('no package but @strata/backend names a kernel or checks the backend', () => {
    expect(offences()).toEqual([]);
  });

  test('the check sees the lines it forbids', () => {
    const lines = ["tf.engine().runKernel('StrataDense', inputs)", "if (tf.getBackend() === 'wasm') {", "const hostBackends = new Set(['cpu', 'wasm']);"];
    for (const line of lines) expect(forbidden.some(({ pattern }) => pattern.test(line)), line).toBe(true);
    expect(forbidden.some(({ pattern }) => pattern.test("await useBackend('cpu');"))).toBe(false);
  });
});
