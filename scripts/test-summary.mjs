// Adds up the vitest JSON reports of every package and app, and prints one
// closing line for the whole run: "Tests: N passed, N failed, N skipped".
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
for (const group of ['packages', 'apps']) {
  if (!existsSync(group)) continue;
  for (const name of readdirSync(group)) {
    const report = join(group, name, 'test-results', 'vitest.json');
    if (!existsSync(report)) continue;
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const pending = (result.numPendingTests ?? 0) + (result.numTodoTests ?? 0);
    passed += result.numPassedTests;
    failed += result.numFailedTests;
    skipped += pending;
    rows.push(`${`${group}/${name}`.padEnd(24)} ${String(result.numPassedTests).padStart(5)} passed ${String(result.numFailedTests).padStart(3)} failed ${String(pending).padStart(3)} skipped`);
  }
}
console.log(rows.join('\n'));
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
