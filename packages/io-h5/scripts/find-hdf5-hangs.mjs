// Finds bit-flipped variants of a Keras .h5 file on which reading never ends.
//
//   node scripts/find-hdf5-hangs.mjs <file.h5> [firstSeed=0] [count=2000] [stallMs=5000]
//
// A child process reads variants seed after seed with the built reader (dist/index.js; keep
// stallMs under its 30 s default time limit) and reports each start and end; when a
// seed makes no progress for stallMs the child is killed, the seed is printed with its
// recipe (offset and bit of every flip), and a new child goes on from the next seed.
// Variants come from flipVariant in src/bit-flips.ts (same RNG, same recipe).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** mulberry32: a small seeded RNG, identical to src/bit-flips.ts. */
function rngOf(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 1 to 4 flips of one bit each, anywhere in the file. */
function recipeOf(seed, length) {
  const random = rngOf(seed);
  const count = 1 + Math.floor(random() * 4);
  return Array.from({ length: count }, () => [Math.floor(random() * length), Math.floor(random() * 8)]);
}

function apply(bytes, recipe) {
  const copy = bytes.slice();
  for (const [offset, bit] of recipe) copy[offset] ^= 1 << bit;
  return copy;
}

const [file, firstArg = '0', countArg = '2000', stallArg = '5000', mode] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file));

if (mode === '--child') {
  const { readKerasFile } = await import(new URL('../dist/index.js', import.meta.url).href);
  const last = Number(firstArg) + Number(countArg);
  for (let seed = Number(firstArg); seed < last; seed++) {
    process.stdout.write(`S ${seed}\n`);
    let outcome = 'loaded';
    try {
      await readKerasFile(apply(bytes, recipeOf(seed, bytes.length)));
    } catch (error) {
      outcome = error?.name === 'KerasFileError' ? 'refused' : `other:${String(error?.message).slice(0, 80)}`;
    }
    process.stdout.write(`D ${seed} ${outcome}\n`);
  }
  process.exit(0);
}

const last = Number(firstArg) + Number(countArg);
const stallMs = Number(stallArg);
const tally = new Map();
const hangs = [];
let next = Number(firstArg);
while (next < last) {
  next = await new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), file, String(next), String(last - next), stallArg, '--child'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let current = next;
    let pending = '';
    let timer = setTimeout(stalled, stallMs * 4); // the first read also loads the wasm module
    function stalled() {
      hangs.push(current);
      console.log(`HANG seed ${current} recipe ${JSON.stringify(recipeOf(current, bytes.length))}`);
      child.kill('SIGKILL');
      resolve(current + 1);
    }
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const [tag, seed, outcome] = line.split(' ');
        if (tag === 'S') {
          current = Number(seed);
          clearTimeout(timer);
          timer = setTimeout(stalled, stallMs);
        } else tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === null) resolve(code === 0 ? last : current + 1);
    });
  });
}
console.log(`seeds ${firstArg}..${last - 1}: ${JSON.stringify(Object.fromEntries(tally))}, hangs ${JSON.stringify(hangs)}`);
